#include "model/profile.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sura::model {

MonotoneCubic::MonotoneCubic(std::vector<double> xs, std::vector<double> ys)
    : x_(std::move(xs)), y_(std::move(ys)), m_(x_.size(), 0.0) {
  const std::size_t n = x_.size();
  if (n < 2) {
    return;
  }
  std::vector<double> d(n - 1);
  for (std::size_t i = 0; i + 1 < n; ++i) {
    d[i] = (y_[i + 1] - y_[i]) / (x_[i + 1] - x_[i]);
  }
  m_[0] = d[0];
  m_[n - 1] = d[n - 2];
  for (std::size_t i = 1; i + 1 < n; ++i) {
    m_[i] = (d[i - 1] * d[i] <= 0.0) ? 0.0 : (d[i - 1] + d[i]) / 2.0;
  }
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (d[i] == 0.0) {
      m_[i] = m_[i + 1] = 0.0;
      continue;
    }
    const double a = m_[i] / d[i];
    const double b = m_[i + 1] / d[i];
    const double s = a * a + b * b;
    if (s > 9.0) {
      const double t = 3.0 / std::sqrt(s);
      m_[i] = t * a * d[i];
      m_[i + 1] = t * b * d[i];
    }
  }
}

double MonotoneCubic::operator()(double x) const {
  if (x <= x_.front()) {
    return y_.front();
  }
  if (x >= x_.back()) {
    return y_.back();
  }
  const auto it = std::upper_bound(x_.begin(), x_.end(), x);
  const std::size_t i = static_cast<std::size_t>(it - x_.begin()) - 1;
  const double h = x_[i + 1] - x_[i];
  const double t = (x - x_[i]) / h;
  const double t2 = t * t;
  const double t3 = t2 * t;
  return (2 * t3 - 3 * t2 + 1) * y_[i] + (t3 - 2 * t2 + t) * h * m_[i] +
         (-2 * t3 + 3 * t2) * y_[i + 1] + (t3 - t2) * h * m_[i + 1];
}

KeyTable::KeyTable(std::vector<std::vector<double>> rows) {
  if (rows.size() < 2) {
    throw std::invalid_argument("a key table needs at least two rows");
  }
  std::sort(rows.begin(), rows.end(), [](const auto& l, const auto& r) { return l[0] < r[0]; });
  const std::size_t width = rows[0].size();
  std::vector<double> zs;
  for (const auto& row : rows) {
    if (row.size() != width) {
      throw std::invalid_argument("key table rows differ in length");
    }
    zs.push_back(row[0]);
  }
  for (std::size_t c = 1; c < width; ++c) {
    std::vector<double> ys;
    for (const auto& row : rows) {
      ys.push_back(row[c]);
    }
    columns_.emplace_back(zs, ys);
  }
}

} // namespace sura::model
