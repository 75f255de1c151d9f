// `sura pick`: what lies under one pixel of a view, exactly as `sura render` frames it.
// Pure geometry (no display needed): the camera is the preset's framing, the ray goes through
// the pixel, and the picker answers.
#pragma once

#include "app/cli_args.h"
#include "clinical/clinical.h"
#include "meshio/load_atlas.h"
#include "picking/camera_ray.h"
#include "picking/picker.h"
#include "state/app_state.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace sura {

/// The camera for an image of `size`, framed as the scene frames it: the state's view preset
/// around every mesh as drawn (mirrored when the leg shown is not the atlas's), hidden ones
/// included; or, once a
/// trigger point has been focused (SelectTriggerPoint), that point from its examination side.
CameraView presetCamera(const LoadedAtlas& loaded, const Clinical& clinical, const AppState& state,
                        ImageSize size);

/// Width in pixels of the panel `sura render` draws at the left of an image `width` wide
/// (0 without the panel): the 3D view is the rest of the image.
int panelPixels(const AppState& state, int width, bool showUi);

/// The camera's ray (world frame) through the centre of pixel (x, y) (x right, y down from the
/// top-left corner) of the image `sura render` draws with this state, size and panel; nullopt
/// on the panel.
std::optional<Ray> viewRay(const LoadedAtlas& loaded, const Clinical& clinical,
                           const AppState& state, ImageSize size, bool showUi, int x, int y);

/// The pick under pixel (x, y) (x right, y down from the top-left corner; the ray goes through
/// the pixel's centre) of the image `sura render` draws with the same state, size and panel, as
/// one JSON object. A miss, or a pixel on the panel ("on_panel": true), has "structure": null.
nlohmann::json pickPixel(const LoadedAtlas& loaded, const Clinical& clinical, const Picker& picker,
                         const AppState& state, ImageSize size, bool showUi, int x, int y);

} // namespace sura
