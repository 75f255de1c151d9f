#include "app/needle_command.h"

#include "app/cli_args.h"
#include "app/needle_placement.h"
#include "app/pick_pixel.h"
#include "picking/pick_json.h"

namespace sura {

namespace {

std::string pixelWords(const Pixel& pixel) {
  return "pixel (" + std::to_string(pixel.x) + ", " + std::to_string(pixel.y) + ")";
}

} // namespace

std::vector<Command> needleCommands(const LoadedAtlas& loaded, const Clinical& clinical,
                                    const AppState& state, const RenderOptions& options,
                                    const NeedleInputs& inputs) {
  NeedleSettings settings = state.needleSettings;
  settings.lengthMm = inputs.lengthMm;
  settings.gaugeMm = inputs.gaugeMm;
  settings.marginMm = inputs.marginMm;
  settings.byAngles = inputs.angles.has_value();
  if (inputs.angles) {
    settings.tiltDeg = (*inputs.angles)[0];
    settings.towardDeg = (*inputs.angles)[1];
  }
  NeedleRequest request;
  if (!inputs.triggerPoint.empty()) {
    if (inputs.angles) {
      throw UsageError("--angles: a needle to a trigger point goes in from the side the point is "
                       "examined from; leave out --angles or the trigger point");
    }
    if (!clinical.find(inputs.triggerPoint)) {
      throw UsageError("--trigger-point: '" + inputs.triggerPoint +
                       "' is not a trigger point of the atlas (`sura check` lists them)");
    }
    request.triggerPoint = inputs.triggerPoint;
  } else {
    if (!inputs.pixel) {
      throw UsageError("needle: say where it goes in: X Y (a pixel of the view, as for pick) or "
                       "--trigger-point ID");
    }
    const ImageSize size = options.size;
    const Pixel pixel = *inputs.pixel;
    if (pixel.x < 0 || pixel.y < 0 || pixel.x >= size.width || pixel.y >= size.height) {
      throw UsageError("needle: " + pixelWords(pixel) + " is outside the " +
                       std::to_string(size.width) + "x" + std::to_string(size.height) + " image");
    }
    const std::optional<Ray> ray =
        viewRay(loaded, clinical, state, size, options.showUi, pixel.x, pixel.y);
    if (!ray) {
      throw UsageError("needle: " + pixelWords(pixel) + " is on the panel, not the leg");
    }
    request = needleRequestAlong(*ray, mirrorsAtlas(state.side, loaded.atlas));
  }
  if (!request.triggerPoint.empty() && !options.viewAsked) {
    // In from the side the point is examined from, the needle is seen end-on from there: shown
    // from the side instead, as the card's "Needle this point" does (unless a view was asked).
    return {command::SetNeedleSettings{settings}, command::PlaceNeedle{request},
            command::FrameNeedle{}};
  }
  return {command::SetNeedleSettings{settings}, command::PlaceNeedle{request}};
}

nlohmann::json needleJson(const LoadedAtlas& loaded, const Clinical& clinical, const Picker& picker,
                          const RenderOptions& options) {
  const NeedleInputs inputs = options.needle.value_or(NeedleInputs{});
  AppState state = stateFor(options, loaded.atlas);
  for (const Command& command : needleCommands(loaded, clinical, state, options, inputs)) {
    apply(state, loaded.atlas, command);
  }
  const std::optional<NeedlePlacement> placement =
      placeRequestedNeedle(picker, clinical, loaded.atlas, state);
  nlohmann::json extra = nlohmann::json::object();
  if (!inputs.triggerPoint.empty()) {
    if (!placement) {
      throw AtlasError(loaded.atlas.manifest.string(), "trigger_points",
                       inputs.triggerPoint + ": no skin over the point to needle it through");
    }
  } else {
    if (!placement) {
      throw UsageError("needle: " + pixelWords(*inputs.pixel) +
                       " misses the leg: a needle goes in through the skin");
    }
    extra["pixel"] = {inputs.pixel->x, inputs.pixel->y};
    extra["view"] = std::string(viewPresetName(state.view));
  }
  nlohmann::json result = toJson(readNeedle(
      picker, *placement, mirrorsAtlas(state.side, loaded.atlas), state.needleSettings.marginMm));
  result.update(extra);
  result["leg"] = std::string(sideName(state.side));
  return result;
}

} // namespace sura
