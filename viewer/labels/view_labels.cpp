#include "labels/view_labels.h"

#include <glm/geometric.hpp>
#include <glm/trigonometric.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <future>
#include <map>
#include <thread>

namespace sura {

namespace {

// A trigger point's label is drawn when the camera sees its mark: the first surface the eye
// meets at the mark's pixel lies within this of it.
constexpr double kMarkSeenMm = 3.0;
// The approach line is followed out from this far beyond the muscle's surface to find the
// outermost surface over the point (where its target is painted).
constexpr double kApproachLeadMm = 400.0;
// A part seen in fewer cells than this share of the view is not labelled (at least
// LayoutSettings::minRegionCells): slivers and far edges name nothing a class can read.
constexpr double kMinRegionShare = 1.0 / 600.0;

std::string capitalised(std::string text) {
  if (!text.empty()) {
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  }
  return text;
}

struct Lines {
  std::vector<std::string> lines;
  std::size_t firstLines = 1;
};

// The lines of a label wrapped to be narrower: each of its long lines (of more than one word,
// and near the longest in length; a short line would only grow the label) broken at the space
// nearest its middle; nullopt when none is.
std::optional<Lines> wrapped(const Lines& label) {
  Lines out;
  bool broken = false;
  std::size_t longest = 0;
  for (const std::string& line : label.lines) {
    longest = std::max(longest, line.size());
  }
  for (std::size_t n = 0; n < label.lines.size(); ++n) {
    const std::string& line = label.lines[n];
    std::size_t best = std::string::npos;
    if (10 * line.size() < 6 * longest) {
      out.lines.push_back(line);
      if (n + 1 == label.firstLines) {
        out.firstLines = out.lines.size();
      }
      continue;
    }
    for (std::size_t i = line.find(' '); i != std::string::npos; i = line.find(' ', i + 1)) {
      const auto off = [&](std::size_t k) {
        return std::abs(static_cast<double>(k) - 0.5 * static_cast<double>(line.size()));
      };
      if (best == std::string::npos || off(i) < off(best)) {
        best = i;
      }
    }
    if (best == std::string::npos) {
      out.lines.push_back(line);
    } else {
      out.lines.push_back(line.substr(0, best));
      out.lines.push_back(line.substr(best + 1));
      broken = true;
    }
    if (n + 1 == label.firstLines) {
      out.firstLines = out.lines.size();
    }
  }
  if (!broken) {
    return std::nullopt;
  }
  return out;
}

// Above a section nothing is left: the ray starts where it reaches the cut (as a click's).
std::optional<Ray> cutRay(Ray ray, const std::optional<double>& sectionZ) {
  if (sectionZ && ray.origin.z > *sectionZ) {
    if (!(ray.direction.z < 0.0)) {
      return std::nullopt;
    }
    ray.origin += ray.direction * ((*sectionZ - ray.origin.z) / ray.direction.z);
  }
  return ray;
}

std::optional<Ray> rayThrough(const LabelViewport& view, const AppState& state,
                              glm::dvec2 windowPixel) {
  const Ray ray =
      pixelRay(view.camera, windowPixel.x - view.offset.x, windowPixel.y - view.offset.y);
  if (glm::length(ray.direction) == 0.0) {
    return std::nullopt;
  }
  return cutRay(ray, state.sectionZ);
}

// Picker::firstHits on two threads when the machine has two cores (the picker serves several
// at once): the rays of a grid are most of the cost of the labels.
std::vector<std::optional<SurfaceHit>> firstHitsOnCores(const Picker& picker,
                                                        const std::vector<Ray>& rays,
                                                        const PickFilter& filter, bool mirrored) {
  constexpr std::size_t kWorthSplitting = 512;
  if (rays.size() < kWorthSplitting || std::thread::hardware_concurrency() < 2) {
    return picker.firstHits(rays, filter, mirrored);
  }
  const auto half = static_cast<std::ptrdiff_t>(rays.size() / 2);
  const std::vector<Ray> first(rays.begin(), rays.begin() + half);
  const std::vector<Ray> second(rays.begin() + half, rays.end());
  auto other =
      std::async(std::launch::async, [&] { return picker.firstHits(second, filter, mirrored); });
  std::vector<std::optional<SurfaceHit>> hits = picker.firstHits(first, filter, mirrored);
  std::vector<std::optional<SurfaceHit>> rest = other.get();
  hits.insert(hits.end(), std::make_move_iterator(rest.begin()),
              std::make_move_iterator(rest.end()));
  return hits;
}

// Pixels per mm at a world point, along the view's height.
double pixelsPerMm(const LabelViewport& view, const glm::dvec3& world) {
  const CameraView& c = view.camera;
  if (c.parallelProjection) {
    return c.viewportHeight / (2.0 * c.parallelScale);
  }
  const glm::dvec3 forward = glm::normalize(c.focalPoint - c.position);
  const double depth = std::max(1e-6, glm::dot(world - c.position, forward));
  return c.viewportHeight / (2.0 * depth * std::tan(glm::radians(c.viewAngleDeg) / 2.0));
}

struct PointLabel {
  const ResolvedTriggerPoint* point = nullptr;
  glm::dvec2 anchor{0.0};
  double radius = 0;
};

// The trigger points shown whose mark the camera sees (the focused one first), with the pixel
// of the mark: the patch on the muscle where nothing covers it, else the target on the
// outermost surface the point's approach line leaves through.
std::vector<PointLabel> seenTriggerPoints(const Picker& picker, const Atlas& atlas,
                                          const Clinical& clinical, const AppState& state,
                                          const LabelViewport& view) {
  const bool mirrored = mirrorsAtlas(state.side, atlas);
  const PickFilter pickable = [&](const std::string& id) { return isPickable(state, atlas, id); };
  std::vector<const ResolvedTriggerPoint*> order;
  if (const ResolvedTriggerPoint* focus = clinical.find(state.selectedTriggerPoint);
      focus && state.triggerPointsShown.count(focus->point.id)) {
    order.push_back(focus);
  }
  for (const ResolvedTriggerPoint& point : clinical.triggerPoints) {
    if (state.triggerPointsShown.count(point.point.id) &&
        point.point.id != state.selectedTriggerPoint) {
      order.push_back(&point);
    }
  }
  const Box viewBox{view.offset.x, view.offset.y, view.offset.x + view.camera.viewportWidth,
                    view.offset.y + view.camera.viewportHeight};
  std::vector<PointLabel> seen;
  for (const ResolvedTriggerPoint* point : order) {
    if (!isShown(state, atlas, point->point.muscle)) {
      continue; // painted on its muscle only while the muscle is drawn
    }
    const glm::dvec3 surface = asDrawn(point->surfacePoint, mirrored);
    const glm::dvec3 approach = asDrawn(point->approach, mirrored);
    const std::optional<SurfaceHit> outer =
        picker.firstHit({surface - approach * kApproachLeadMm, approach}, pickable, mirrored);
    if (!outer) {
      continue;
    }
    const std::optional<glm::dvec2> pixel = projectToPixel(view, outer->point);
    if (!pixel || !(pixel->x > viewBox.x0 && pixel->x < viewBox.x1 && pixel->y > viewBox.y0 &&
                    pixel->y < viewBox.y1)) {
      continue;
    }
    const std::optional<Ray> eye = rayThrough(view, state, *pixel);
    const std::optional<SurfaceHit> first =
        eye ? picker.firstHit(*eye, pickable, mirrored) : std::nullopt;
    if (!first || glm::length(first->point - outer->point) > kMarkSeenMm) {
      continue; // its mark faces away, or something lies in front of it
    }
    seen.push_back(
        {point, *pixel, std::max(4.0, point->point.radiusMm * pixelsPerMm(view, outer->point))});
  }
  return seen;
}

} // namespace

std::vector<std::string> labelLines(const Structure& structure, LabelLanguage language,
                                    const std::string& text) {
  if (!text.empty()) {
    return {text};
  }
  const std::string latin = structure.latin.empty() ? structure.name : capitalised(structure.latin);
  switch (language) {
  case LabelLanguage::Latin:
    return {latin};
  case LabelLanguage::Both:
    if (latin == structure.name) {
      return {structure.name}; // "Tibia" twice says nothing more
    }
    return {structure.name, latin};
  case LabelLanguage::English:
    break;
  }
  return {structure.name};
}

std::optional<glm::dvec2> projectToPixel(const LabelViewport& view, const glm::dvec3& world) {
  const CameraView& c = view.camera;
  const glm::dvec3 toFocus = c.focalPoint - c.position;
  const double distance = glm::length(toFocus);
  if (!(distance > 0) || !(c.viewportWidth > 0) || !(c.viewportHeight > 0)) {
    return std::nullopt;
  }
  // The same frame as pixelRay's.
  const glm::dvec3 forward = toFocus / distance;
  const glm::dvec3 side = glm::cross(forward, c.viewUp);
  if (!(glm::length(side) > 1e-12 * glm::length(c.viewUp))) {
    return std::nullopt;
  }
  const glm::dvec3 right = glm::normalize(side);
  const glm::dvec3 up = glm::cross(right, forward);
  const glm::dvec3 v = world - c.position;
  const double aspect = c.viewportWidth / c.viewportHeight;
  double ndcX = 0;
  double ndcY = 0;
  if (c.parallelProjection) {
    ndcX = glm::dot(v, right) / (c.parallelScale * aspect);
    ndcY = glm::dot(v, up) / c.parallelScale;
  } else {
    const double depth = glm::dot(v, forward);
    if (!(depth > 0.0)) {
      return std::nullopt;
    }
    const double h = std::tan(glm::radians(c.viewAngleDeg) / 2.0);
    ndcX = glm::dot(v, right) / (depth * h * aspect);
    ndcY = glm::dot(v, up) / (depth * h);
  }
  return glm::dvec2{view.offset.x + 0.5 * (ndcX + 1.0) * c.viewportWidth,
                    view.offset.y + 0.5 * (1.0 - ndcY) * c.viewportHeight};
}

namespace {

// The pixels the structures drawn can cover: the projection of their boxes (the whole view
// when one lies partly behind the camera). Rays outside it meet nothing, so none is cast.
Box drawnReach(const Picker& picker, const Atlas& atlas, const AppState& state,
               const LabelViewport& view) {
  const Box whole{view.offset.x, view.offset.y, view.offset.x + view.camera.viewportWidth,
                  view.offset.y + view.camera.viewportHeight};
  const bool mirrored = mirrorsAtlas(state.side, atlas);
  Box reach{1e300, 1e300, -1e300, -1e300};
  for (const Structure& s : atlas.structures) {
    const MeshBvh* bvh = picker.bvhOf(s.id);
    if (!bvh || !isShown(state, atlas, s.id) || !(opacityOf(state, atlas, s.id) > 0.0f)) {
      continue;
    }
    const Aabb& box = bvh->bounds();
    for (int corner = 0; corner < 8; ++corner) {
      const glm::dvec3 p{corner & 1 ? box.hi.x : box.lo.x, corner & 2 ? box.hi.y : box.lo.y,
                         corner & 4 ? box.hi.z : box.lo.z};
      const std::optional<glm::dvec2> pixel = projectToPixel(view, asDrawn(p, mirrored));
      if (!pixel) {
        return whole;
      }
      reach = {std::min(reach.x0, pixel->x), std::min(reach.y0, pixel->y),
               std::max(reach.x1, pixel->x), std::max(reach.y1, pixel->y)};
    }
  }
  return reach;
}

} // namespace

SeenGrid seeGrid(const Picker& picker, const Atlas& atlas, const AppState& state,
                 const LabelViewport& view) {
  SeenGrid seen;
  RegionGrid& grid = seen.grid;
  grid.origin = view.offset;
  grid.cell = std::max(1.0, view.cell);
  grid.columns = std::max(0, static_cast<int>(std::ceil(view.camera.viewportWidth / grid.cell)));
  grid.rows = std::max(0, static_cast<int>(std::ceil(view.camera.viewportHeight / grid.cell)));
  grid.cells.assign(static_cast<std::size_t>(grid.columns) * grid.rows, kNothingSeen);

  std::vector<Ray> rays;
  std::vector<std::size_t> rayCells;
  const Box reach = drawnReach(picker, atlas, state, view);
  for (int r = 0; r < grid.rows; ++r) {
    for (int c = 0; c < grid.columns; ++c) {
      if (!grid.cellBox(c, r).overlaps(reach)) {
        continue; // nothing drawn can be seen there
      }
      const glm::dvec2 centre = grid.cellCentre(c, r);
      const glm::dvec2 inside{std::min(centre.x, view.offset.x + view.camera.viewportWidth - 0.5),
                              std::min(centre.y, view.offset.y + view.camera.viewportHeight - 0.5)};
      if (const std::optional<Ray> ray = rayThrough(view, state, inside)) {
        rays.push_back(*ray);
        rayCells.push_back(static_cast<std::size_t>(r) * grid.columns + c);
      }
    }
  }
  const bool mirrored = mirrorsAtlas(state.side, atlas);
  // First what is drawn (a skin at 30 % too: a label over it would hide the leg), then, where
  // that is see-through, what the eye (and a click) takes for the part there.
  const auto drawn = firstHitsOnCores(
      picker, rays,
      [&](const std::string& id) {
        return isShown(state, atlas, id) && opacityOf(state, atlas, id) > 0.0f;
      },
      mirrored);
  std::vector<Ray> throughRays;
  std::vector<std::size_t> throughIndex;
  for (std::size_t k = 0; k < rays.size(); ++k) {
    if (drawn[k] && !isPickable(state, atlas, drawn[k]->structure)) {
      throughRays.push_back(rays[k]);
      throughIndex.push_back(k);
    }
  }
  std::vector<std::optional<SurfaceHit>> seenHits = drawn;
  if (!throughRays.empty()) {
    const auto through = firstHitsOnCores(
        picker, throughRays, [&](const std::string& id) { return isPickable(state, atlas, id); },
        mirrored);
    for (std::size_t j = 0; j < throughIndex.size(); ++j) {
      seenHits[throughIndex[j]] = through[j];
    }
  }

  // The part a structure seen counts for: itself, or the first entry of the teacher's list
  // it lies within (a group gathers its parts).
  std::map<std::string, int> regionOf;
  const auto subject = [&](const std::string& structure) -> std::string {
    if (state.labels.only.empty()) {
      return structure;
    }
    for (const StructureLabel& label : state.labels.only) {
      if (isWithin(atlas, structure, label.structure)) {
        return label.structure;
      }
    }
    return "";
  };
  for (std::size_t k = 0; k < rays.size(); ++k) {
    if (!drawn[k]) {
      continue;
    }
    const std::string part = seenHits[k] ? subject(seenHits[k]->structure) : "";
    int value = kUnlabelledPart;
    if (!part.empty()) {
      const auto [it, added] = regionOf.emplace(part, static_cast<int>(seen.regions.size()));
      if (added) {
        seen.regions.push_back(part);
      }
      value = it->second;
    }
    grid.cells[rayCells[k]] = value;
  }
  return seen;
}

std::vector<ViewLabel> viewLabels(const Picker& picker, const Atlas& atlas,
                                  const Clinical* clinical, const AppState& state,
                                  const LabelViewport& view, const MeasureLabel& measure) {
  if (!state.labels.shown) {
    return {};
  }
  const SeenGrid seen = seeGrid(picker, atlas, state, view);
  std::vector<ViewLabel> labels;
  std::vector<LabelRequest> requests;
  std::vector<std::optional<Lines>> narrow; // wrapped lines of each
  const auto sized = [&](LabelRequest request, const std::vector<std::string>& lines) {
    request.size = measure(lines, 1);
    narrow.push_back(wrapped(Lines{lines, 1}));
    if (narrow.back()) {
      request.narrowSize = measure(narrow.back()->lines, narrow.back()->firstLines);
    }
    return request;
  };

  if (clinical) {
    for (const PointLabel& point : seenTriggerPoints(picker, atlas, *clinical, state, view)) {
      ViewLabel label;
      label.id = point.point->point.id;
      label.triggerPoint = true;
      label.lines = {point.point->point.label};
      label.markRadius = point.radius;
      LabelRequest request;
      request.anchor = point.anchor;
      request.anchorRadius = point.radius;
      requests.push_back(sized(request, label.lines));
      labels.push_back(std::move(label));
    }
  }

  // Parts by how much of them is seen, the largest first (the teacher's list in its order):
  // when room runs out, the smallest go.
  std::vector<int> cellCount(seen.regions.size(), 0);
  for (int v : seen.grid.cells) {
    if (v >= 0) {
      ++cellCount[static_cast<std::size_t>(v)];
    }
  }
  std::vector<int> order(seen.regions.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    order[i] = static_cast<int>(i);
  }
  const auto listed = [&](int region) {
    const auto& only = state.labels.only;
    return static_cast<std::size_t>(
        std::find_if(only.begin(), only.end(),
                     [&](const StructureLabel& l) {
                       return l.structure == seen.regions[static_cast<std::size_t>(region)];
                     }) -
        only.begin());
  };
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (!state.labels.only.empty() && listed(a) != listed(b)) {
      return listed(a) < listed(b);
    }
    const int ca = cellCount[static_cast<std::size_t>(a)];
    const int cb = cellCount[static_cast<std::size_t>(b)];
    return ca != cb ? ca > cb
                    : seen.regions[static_cast<std::size_t>(a)] <
                          seen.regions[static_cast<std::size_t>(b)];
  });
  for (int region : order) {
    const std::string& id = seen.regions[static_cast<std::size_t>(region)];
    const Structure* structure = atlas.find(id);
    if (!structure) {
      continue;
    }
    std::string text;
    for (const StructureLabel& l : state.labels.only) {
      if (l.structure == id) {
        text = l.text;
        break;
      }
    }
    ViewLabel label;
    label.id = id;
    label.lines = labelLines(*structure, state.labels.language, text);
    LabelRequest request;
    request.region = region;
    requests.push_back(sized(request, label.lines));
    labels.push_back(std::move(label));
  }

  LayoutSettings settings;
  settings.view = {view.offset.x, view.offset.y, view.offset.x + view.camera.viewportWidth,
                   view.offset.y + view.camera.viewportHeight};
  settings.keepOut = view.keepOut;
  settings.gap = view.gap;
  settings.minRegionCells =
      std::max(settings.minRegionCells,
               static_cast<int>(kMinRegionShare * static_cast<double>(seen.grid.cells.size())));
  const std::vector<LabelPlacement> placements = layoutLabels(seen.grid, requests, settings);
  std::vector<ViewLabel> placed;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (placements[i].placed) {
      labels[i].placement = placements[i];
      if (placements[i].narrow) {
        labels[i].lines = narrow[i]->lines;
        labels[i].firstLines = narrow[i]->firstLines;
      }
      placed.push_back(std::move(labels[i]));
    }
  }
  return placed;
}

} // namespace sura
