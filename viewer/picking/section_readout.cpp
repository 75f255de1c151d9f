#include "picking/section_readout.h"

#include "picking/needle.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>

namespace sura {

namespace {

/// The line starts this far outside the skin's cut, so that the skin counts as entered.
constexpr double kSectionLineLeadMm = 5.0;

const Structure* skinOf(const Atlas& atlas, const std::vector<SectionCut>& cuts) {
  for (const SectionCut& cut : cuts) {
    const Structure* s = atlas.find(cut.structure);
    if (s && s->group == "skin") {
      return s;
    }
  }
  return nullptr;
}

const SectionCut* cutOf(const std::vector<SectionCut>& cuts, const std::string& id) {
  for (const SectionCut& cut : cuts) {
    if (cut.structure == id) {
      return &cut;
    }
  }
  return nullptr;
}

// Area-weighted centroid of the closed loops (holes subtract); the box centre when degenerate.
glm::dvec2 centroidOf(const SectionCut& cut) {
  double area = 0;
  glm::dvec2 sum(0.0);
  Aabb box;
  for (const SectionLoop& loop : cut.loops) {
    for (const glm::dvec2& p : loop.points) {
      box.add({p, 0.0});
    }
    if (!loop.closed) {
      continue;
    }
    const std::size_t n = loop.points.size();
    for (std::size_t i = 0; i < n; ++i) {
      const glm::dvec2& p = loop.points[i];
      const glm::dvec2& q = loop.points[(i + 1) % n];
      const double w = p.x * q.y - q.x * p.y;
      area += w;
      sum += (p + q) * w;
    }
  }
  if (std::abs(area) < 1e-9) {
    return glm::dvec2(box.center());
  }
  return sum / (3.0 * area);
}

bool isWithinTree(const Atlas& atlas, const std::string& id, const std::string& ancestor) {
  const Structure* s = atlas.find(id);
  for (std::size_t steps = 0; s && steps <= atlas.structures.size(); ++steps) {
    if (s->id == ancestor) {
      return true;
    }
    if (s->parent.empty()) {
      return false;
    }
    s = atlas.find(s->parent);
  }
  return false;
}

bool isGastrocnemius(const Atlas& atlas, const std::string& id) {
  return isWithinTree(atlas, id, "gastrocnemius") || id.rfind("gastrocnemius", 0) == 0;
}

} // namespace

std::vector<SectionCut> cutAtZ(const Atlas& atlas,
                               const std::map<std::string, TriangleMesh>& meshes, double z) {
  SectionPlane plane;
  plane.origin = {0.0, 0.0, z};
  std::vector<SectionCut> cuts;
  for (const Structure& structure : atlas.structures) {
    const auto mesh = meshes.find(structure.id);
    if (mesh == meshes.end()) {
      continue;
    }
    SectionCut cut;
    cut.structure = structure.id;
    cut.loops = sectionLoops(mesh->second, plane);
    if (cut.loops.empty()) {
      continue;
    }
    for (const SectionLoop& loop : cut.loops) {
      cut.area += loop.closed ? signedArea(loop.points) : 0.0;
    }
    cuts.push_back(std::move(cut));
  }
  return cuts;
}

std::vector<ThicknessSegment> thicknessAlong(const Atlas& atlas,
                                             const std::vector<SectionCut>& cuts,
                                             const glm::dvec2& a, const glm::dvec2& b) {
  const Structure* skin = skinOf(atlas, cuts);
  std::vector<ThicknessSegment> deeper;
  std::vector<Interval> skinStretches;
  for (const SectionCut& cut : cuts) {
    const std::vector<Interval> inside = segmentInside(cut.loops, a, b);
    if (skin && cut.structure == skin->id) {
      skinStretches = inside;
      continue;
    }
    const Structure* s = atlas.find(cut.structure);
    for (const Interval& i : inside) {
      deeper.push_back({cut.structure, s ? s->name : cut.structure, i.from, i.to});
    }
  }
  std::sort(deeper.begin(), deeper.end(), [](const ThicknessSegment& x, const ThicknessSegment& y) {
    return x.fromMm < y.fromMm;
  });
  std::vector<ThicknessSegment> out;
  for (const Interval& s : skinStretches) {
    // Skin and subcutaneous tissue: from where the line enters the skin to the first deeper
    // structure, and from the last one to where it leaves.
    double first = s.to, last = s.from;
    for (const ThicknessSegment& d : deeper) {
      if (d.toMm > s.from && d.fromMm < s.to) {
        first = std::min(first, std::max(d.fromMm, s.from));
        last = std::max(last, std::min(d.toMm, s.to));
      }
    }
    if (s.from > 0.0 || first == s.to) {
      out.push_back({skin->id, "Skin and subcutaneous tissue", s.from, first});
    }
    if (last > s.from && s.to > last && s.to < glm::length(b - a)) {
      out.push_back({skin->id, "Skin and subcutaneous tissue", last, s.to});
    }
  }
  out.insert(out.end(), deeper.begin(), deeper.end());
  std::stable_sort(
      out.begin(), out.end(),
      [](const ThicknessSegment& x, const ThicknessSegment& y) { return x.fromMm < y.fromMm; });
  return out;
}

std::optional<PosteriorThickness> posteriorThickness(const Atlas& atlas,
                                                     const std::vector<SectionCut>& cuts) {
  const Structure* skin = skinOf(atlas, cuts);
  if (!skin) {
    return std::nullopt;
  }
  const SectionCut& skinCut = *cutOf(cuts, skin->id);
  Aabb box;
  for (const SectionLoop& loop : skinCut.loops) {
    for (const glm::dvec2& p : loop.points) {
      box.add({p, 0.0});
    }
  }
  const double x = centroidOf(skinCut).x;
  const auto isBone = [&](const std::string& id) {
    const Structure* s = atlas.find(id);
    return s && s->group == "bones";
  };
  // Straight forward on the midline from behind the leg.
  glm::dvec2 a(x, box.lo.y - kSectionLineLeadMm), b(x, box.hi.y + kSectionLineLeadMm);
  std::vector<ThicknessSegment> along = thicknessAlong(atlas, cuts, a, b);
  const auto firstBone = [&]() -> const ThicknessSegment* {
    for (const ThicknessSegment& s : along) {
      if (isBone(s.structure)) {
        return &s;
      }
    }
    return nullptr;
  };
  if (!firstBone()) {
    // Between the bones: aim from the back of the skin at the largest bone's centre.
    const SectionCut* largest = nullptr;
    for (const SectionCut& cut : cuts) {
      if (isBone(cut.structure) && (!largest || cut.area > largest->area)) {
        largest = &cut;
      }
    }
    if (largest && !along.empty()) {
      const glm::dvec2 back = a + glm::normalize(b - a) * along.front().fromMm;
      const glm::dvec2 dir = glm::normalize(centroidOf(*largest) - back);
      a = back - dir * kSectionLineLeadMm;
      b = back + dir * (glm::length(box.size()) + kSectionLineLeadMm);
      along = thicknessAlong(atlas, cuts, a, b);
    }
  }
  if (along.empty()) {
    return std::nullopt;
  }
  PosteriorThickness r;
  const glm::dvec2 dir = glm::normalize(b - a);
  r.from = a + dir * along.front().fromMm;
  double end = along.back().toMm;
  if (const ThicknessSegment* bone = firstBone()) {
    r.bone = bone->structure;
    r.boneMm = bone->thickness();
    end = bone->toMm;
  }
  r.to = a + dir * end;
  bool skinCounted = false;
  for (const ThicknessSegment& s : along) {
    if (s.fromMm >= end) {
      break;
    }
    if (s.structure == skin->id) {
      if (!skinCounted) {
        r.skinMm = s.thickness();
        skinCounted = true;
      }
    } else if (isGastrocnemius(atlas, s.structure)) {
      r.gastrocnemiusMm += s.thickness();
    } else if (s.structure == "soleus") {
      r.soleusMm += s.thickness();
    } else if (compartmentOf(s.structure) == "deep posterior") {
      r.deepMm += s.thickness();
    }
  }
  return r;
}

} // namespace sura
