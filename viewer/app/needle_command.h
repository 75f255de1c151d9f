// `sura needle`: the virtual needle's readout as JSON, from a pixel of a view (as `sura pick`)
// or from a trigger point. Pure geometry: no display needed.
#pragma once

#include "app/render_frame.h"
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "picking/needle.h"
#include "picking/picker.h"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>

namespace sura {

struct NeedleOptions {
  /// The inputs of `sura pick`: atlas, view, size, hidden structures, leg, panel...
  RenderOptions view;
  /// Where it goes in: a pixel of that view (x right, y down), or a trigger point's id.
  std::optional<Pixel> pixel;
  std::string triggerPoint;
  /// Tilt and toward, degrees (parseNeedleAngles); nullopt: along the view.
  std::optional<std::array<double, 2>> angles;
  double lengthMm = 0; ///< 0: chosen (placeNeedleAlongRay, placeNeedleAtPoint)
  double gaugeMm = kDefaultNeedleGaugeMm;
  double marginMm = kDefaultNeedleMarginMm;
};

/// The readout (toJson(NeedleReadout)) plus "leg", and for a pixel "pixel" and "view". Throws
/// UsageError naming the input: a pixel outside the image, on the panel or beside the leg; an
/// unknown trigger point; --angles with --trigger-point.
nlohmann::json needleJson(const LoadedAtlas& loaded, const Clinical& clinical, const Picker& picker,
                          const NeedleOptions& options);

} // namespace sura
