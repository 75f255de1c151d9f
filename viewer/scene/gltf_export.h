// The scene as a glTF 2.0 file that students open in a browser or on a phone: every structure
// shown, in its colour and opacity (hidden ones left out), the trigger points, their targets,
// the referred-pain zones and the safety map baked into vertex colours (in the viewer they are
// painted by the shaders in shaders/ from per-vertex data; a glTF viewer has no such shaders),
// and the pins with their notes. Written by VTK's vtkGLTFExporter (IOExport), then given what
// VTK 9.1 leaves out: names, alphaMode for translucent layers, no metal. Colours are written
// in linear light, as glTF defines baseColorFactor and COLOR_0 (Sura's colours are sRGB, as
// on screen): written as they are, a browser or phone viewer would show them washed out.
#pragma once

#include "state/app_state.h"

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include <string>

namespace sura {

class Scene;

/// What the shaders read at one vertex (trigger_point_layer.h's arrays): the vertex in the
/// atlas frame, the nearest spot of each kind (xyz, radius in w; a far x when none), the
/// referred-pain weights and the safety-map depth (negative: none).
struct VertexMarks {
  glm::dvec3 position{0.0};
  glm::dvec4 patch{1e5, 0.0, 0.0, 0.0};
  glm::dvec4 over{1e5, 0.0, 0.0, 0.0};
  glm::dvec4 focus{1e5, 0.0, 0.0, 0.0};
  glm::dvec2 zone{0.0};
  double safetyMm = -1.0;
};

/// The colour and opacity the shaders paint at one vertex of a surface of colour `base` and
/// opacity `opacity`, worked out on the CPU as shaders/*.glsl do per fragment, at the vertex
/// itself. What differs: edges are as fine as the mesh (a mark smaller than the triangles,
/// such as the 2 mm centre dot, can fall between vertices); the spillover zone's screen-space
/// dots become their average colour (a plain lilac-indigo); the safety map's boundary lines
/// are left out; the halo of the trigger point in focus is painted as its still picture
/// (`sura render`'s, pulse at its fullest) mixed into the colour rather than added as light.
glm::dvec4 bakedColor(const glm::dvec3& base, double opacity, const VertexMarks& marks);

/// The name glTF nodes get: a structure's English name, "Pin 3: the note's first line".
std::string gltfPinName(std::size_t index, const Pin& pin);

/// The scene as `state` shows it (the last Scene::apply) as the text of a self-contained
/// .gltf file (buffers inlined as base64). Lengths in metres, +Y up, the front of the leg
/// toward +Z (glTF's conventions): the Sura frame's (x, y, z) mm is (-x, z, y) / 1000. Each
/// node is named (structure name; pins "Pin N: note") and carries its id in extras.sura_id.
std::string sceneGltf(const Scene& scene, const AppState& state);

/// An sRGB colour (0..1, as Sura's colours are given) in linear light, as glTF stores colours.
glm::dvec3 linearFromSrgb(const glm::dvec3& srgb);

/// Sura frame mm -> glTF frame m (see sceneGltf).
glm::dvec3 toGltfFrame(const glm::dvec3& suraMm);

} // namespace sura
