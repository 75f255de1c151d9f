// Profiles along the leg: values given at a few levels and joined smoothly in between.
#pragma once

#include <vector>

namespace sura::model {

/// Fritsch-Carlson monotone cubic through (xs, ys), evaluated at x (clamped to the ends): a
/// profile that only grows and shrinks between keys never overshoots (no bulges that nobody
/// drew).
class MonotoneCubic {
public:
  MonotoneCubic(std::vector<double> xs, std::vector<double> ys);
  double operator()(double x) const;

private:
  std::vector<double> x_, y_, m_;
};

/// Several profiles keyed at the same levels: each row is {z, value 0, value 1, ...}, rows in
/// any order. `at(z, k)` is column k joined by a monotone cubic.
class KeyTable {
public:
  explicit KeyTable(std::vector<std::vector<double>> rows);
  double at(double z, int column) const { return columns_[static_cast<std::size_t>(column)](z); }
  int columns() const { return static_cast<int>(columns_.size()); }

private:
  std::vector<MonotoneCubic> columns_;
};

} // namespace sura::model
