#include "app/needle_command.h"

#include "app/cli_args.h"
#include "app/pick_pixel.h"
#include "picking/pick_json.h"

#include <cmath>

namespace sura {

nlohmann::json needleJson(const LoadedAtlas& loaded, const Clinical& clinical, const Picker& picker,
                          const NeedleOptions& options) {
  const AppState state = stateFor(options.view, loaded.atlas);
  const bool mirrored = mirrorsAtlas(state.side, loaded.atlas);
  std::optional<NeedlePlacement> placement;
  nlohmann::json extra = nlohmann::json::object();
  if (!options.triggerPoint.empty()) {
    if (options.angles) {
      throw UsageError("--angles: a needle to a trigger point goes in from the side the point is "
                       "examined from; leave out --angles or --trigger-point");
    }
    const ResolvedTriggerPoint* point = clinical.find(options.triggerPoint);
    if (!point) {
      throw UsageError("--trigger-point: '" + options.triggerPoint +
                       "' is not a trigger point of the atlas (`sura check` lists them)");
    }
    const NeedleTarget target{point->point.id, point->point.muscle,
                              asDrawn(point->centre, mirrored)};
    placement = placeNeedleAtPoint(picker, target, asDrawn(point->approach, mirrored), mirrored,
                                   options.lengthMm, options.gaugeMm);
    if (!placement) {
      throw AtlasError(loaded.atlas.manifest.string(), "trigger_points",
                       options.triggerPoint + ": no skin over the point to needle it through");
    }
  } else {
    if (!options.pixel) {
      throw UsageError("needle: say where it goes in: X Y (a pixel of the view, as for pick) or "
                       "--trigger-point ID");
    }
    const ImageSize size = options.view.size;
    const int x = options.pixel->x, y = options.pixel->y;
    const std::string where = "pixel (" + std::to_string(x) + ", " + std::to_string(y) + ")";
    if (x < 0 || y < 0 || x >= size.width || y >= size.height) {
      throw UsageError("needle: " + where + " is outside the " + std::to_string(size.width) + "x" +
                       std::to_string(size.height) + " image");
    }
    const std::optional<Ray> ray =
        viewRay(loaded, clinical, state, size, options.view.showUi, x, y);
    if (!ray) {
      throw UsageError("needle: " + where + " is on the panel, not the leg");
    }
    // The same click the viewer makes, so that the needle stops where the card's would.
    const Atlas& atlas = loaded.atlas;
    const PickResult pick = picker.pick(
        *ray, [&](const std::string& id) { return isPickable(state, atlas, id); }, mirrored);
    std::optional<glm::dvec3> clicked;
    if (pick.hit && pick.description && std::isfinite(pick.description->depthMm) &&
        pick.description->depthMm > 0.0) {
      clicked = pick.hit->point;
    }
    placement = placeNeedleAlongRay(picker, *ray, mirrored, clicked, pick.structure(),
                                    options.lengthMm, options.gaugeMm, options.angles);
    if (!placement) {
      throw UsageError("needle: " + where + " misses the leg: a needle goes in through the skin");
    }
    extra["pixel"] = {x, y};
    extra["view"] = std::string(viewPresetName(state.view));
  }
  nlohmann::json result = toJson(readNeedle(picker, *placement, mirrored, options.marginMm));
  result.update(extra);
  result["leg"] = std::string(sideName(state.side));
  return result;
}

} // namespace sura
