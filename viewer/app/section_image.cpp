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

SectionSheet sectionSheet(const LoadedAtlas& loaded, const AppState& state,
                          const std::vector<double>& heights) {
  SectionSheet sheet;
  orientSheet(sheet, state.side);
  for (const double z : heights) {
    sheet.panels.push_back(
        sectionPanel(loaded.atlas, cutAtZ(loaded.atlas, loaded.meshes, z), state, z));
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
  for (const double mm : options.belowKnee) {
    const double z = landmarks.kneeJointLineZ - mm;
    const double t = levelOfHeight(landmarks, z);
    if (!(t >= kMinSectionLevel && t <= kMaxSectionLevel)) {
      throw UsageError("--mm: '" + formatNumber("%g", mm) + "' is not a distance" +
                       formatNumber(" from %.0f", landmarks.kneeJointLineZ -
                                                      heightOfLevel(landmarks, kMinSectionLevel)) +
                       formatNumber(" to %.0f mm", landmarks.kneeJointLineZ -
                                                       heightOfLevel(landmarks, kMaxSectionLevel)) +
                       " below the knee joint line (t -0.5 to 1.3 of this atlas)");
    }
    heights.push_back(z);
  }
  // The same rule for --hide as `sura render`: unknown ids named, a group hides its children.
  RenderOptions asRender;
  asRender.hide = options.hide;
  asRender.leg = options.leg;
  asRender.peel = options.peel;
  asRender.isolate = options.isolate;
  const AppState state = stateFor(asRender, loaded.atlas);
  writePng(drawSections(sectionSheet(loaded, state, heights), size.width, size.height),
           options.output);
}

} // namespace sura
