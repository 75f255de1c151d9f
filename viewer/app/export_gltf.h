// `sura export OUT.gltf`: the scene `sura render` would draw with the same options (or a saved
// scene) written as a glTF file (scene/gltf_export.h), without a window: the scene is built
// and painted as for a frame, but nothing is drawn, so no display is needed.
#pragma once

#include "app/render_frame.h"

namespace sura {

/// Writes the scene `options` describe to options.output, atomically. Throws UsageError when
/// the output does not end in ".gltf", and the errors of loading (AtlasError, SceneError) and
/// of writing (FileWriteError: one line naming the file).
void exportGltf(const RenderOptions& options);

} // namespace sura
