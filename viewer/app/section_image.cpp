#include "app/section_image.h"

#include "app/render_frame.h"
#include "geometry/section.h"
#include "scene/offscreen.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace sura {

namespace {

std::string formatNumber(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

} // namespace

ImageSize sectionImageSize(const SectionOptions& options) {
  if (options.size) {
    return *options.size;
  }
  const auto panels = static_cast<int>(
      std::max<std::size_t>(std::max(options.levels.size(), options.heights.size()), 1));
  return {std::min(kSectionPanelSide * panels, kMaxImageSide), kSectionPanelSide};
}

double heightOfLevel(const Landmarks& landmarks, double t) {
  return landmarks.kneeJointLineZ - t * landmarks.legLength;
}

double levelOfHeight(const Landmarks& landmarks, double z) {
  return (landmarks.kneeJointLineZ - z) / landmarks.legLength;
}

std::string levelTitle(const Landmarks& landmarks, double z) {
  double t = levelOfHeight(landmarks, z);
  // Two decimals, as the landmark terms are written, unless the level asked for has a third.
  const bool third = std::abs(t * 100.0 - std::round(t * 100.0)) > 1e-6;
  t = std::abs(t) < 5e-4 ? 0.0 : t; // no "-0.00"
  return "t " + formatNumber(third ? "%.3f" : "%.2f", t);
}

std::string levelSubtitle(const Landmarks& landmarks, double z) {
  const long below = std::lround(landmarks.kneeJointLineZ - z);
  if (below == 0) {
    return "at the knee joint line";
  }
  return std::to_string(std::abs(below)) + " mm " + (below > 0 ? "below" : "above") +
         " the knee joint line";
}

SectionSheet sectionSheet(const LoadedAtlas& loaded, const AppState& state,
                          const std::vector<double>& heights) {
  const Atlas& atlas = loaded.atlas;
  const bool mirrored = mirrorsAtlas(state.side, atlas);
  const bool leftLeg = state.side == Side::Left;
  SectionSheet sheet;
  // Lateral is the patient's right for a right leg, which radiological view puts on the left.
  sheet.directions = {"A", "P", leftLeg ? "M" : "L", leftLeg ? "L" : "M"};
  sheet.note = std::string(leftLeg ? "left" : "right") + " leg, seen from below";
  for (const double z : heights) {
    // Seen from the feet with anterior up, the drawn leg's +x (the patient's right) runs to
    // the picture's left. The other leg is the atlas mirrored in x: the same cut, u turned round.
    SectionPlane plane;
    plane.origin = {0.0, 0.0, z};
    plane.u = {mirrored ? 1.0 : -1.0, 0.0, 0.0};
    plane.v = {0.0, 1.0, 0.0};
    std::vector<std::pair<double, SectionRegion>> cuts;
    for (const Structure& structure : atlas.structures) {
      const auto mesh = loaded.meshes.find(structure.id);
      if (mesh == loaded.meshes.end() || !isShown(state, atlas, structure.id)) {
        continue;
      }
      std::vector<SectionLoop> loops = sectionLoops(mesh->second, plane);
      if (loops.empty()) {
        continue;
      }
      double area = 0;
      for (const SectionLoop& loop : loops) {
        area += loop.closed ? signedArea(loop.points) : 0.0;
      }
      cuts.push_back({area, SectionRegion{structure.color, std::move(loops)}});
    }
    // Largest first: the skin's cut under the muscles (the fat between them shows in skin
    // colour), and nothing drawn over a nerve or vessel lying inside a muscle's outline.
    std::stable_sort(cuts.begin(), cuts.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    SectionPanel panel;
    panel.title = levelTitle(atlas.landmarks, z);
    panel.subtitle = levelSubtitle(atlas.landmarks, z);
    for (auto& cut : cuts) {
      panel.regions.push_back(std::move(cut.second));
    }
    sheet.panels.push_back(std::move(panel));
  }
  return sheet;
}

void renderSections(const SectionOptions& options) {
  if (options.output.empty()) {
    throw UsageError("OUT.png: the output file name is empty");
  }
  const ImageSize size = sectionImageSize(options);
  const LoadedAtlas loaded =
      loadAtlas(options.atlasDir.empty() ? bundledAtlasDir() : options.atlasDir);
  const Landmarks& landmarks = loaded.atlas.landmarks;
  std::vector<double> heights;
  for (const double t : options.levels) {
    heights.push_back(heightOfLevel(landmarks, t));
  }
  for (const double z : options.heights) {
    const double t = levelOfHeight(landmarks, z);
    if (!(t >= kMinSectionLevel && t <= kMaxSectionLevel)) {
      throw UsageError("--z: '" + formatNumber("%g", z) + "' is not a height" +
                       formatNumber(" from %.0f", heightOfLevel(landmarks, kMaxSectionLevel)) +
                       formatNumber(" to %.0f mm (t 1.3 to -0.5 of this atlas)",
                                    heightOfLevel(landmarks, kMinSectionLevel)));
    }
    heights.push_back(z);
  }
  // The same rule for --hide as `sura render`: unknown ids named, a group hides its children.
  RenderOptions asRender;
  asRender.hide = options.hide;
  asRender.leg = options.leg;
  const AppState state = stateFor(asRender, loaded.atlas);
  writePng(drawSections(sectionSheet(loaded, state, heights), size.width, size.height),
           options.output);
}

} // namespace sura
