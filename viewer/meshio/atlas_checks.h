// An atlas checked against its own meshes once they are read: the landmarks the manifest
// leaves out derived from the meshes where they can be, warnings about a frame or landmarks
// that cannot be right for a human lower leg, and the generated envelope that stands in for
// a skin the atlas lacks. Pure C++ + glm (no VTK): the loader (load_atlas.h) calls these.
#pragma once

#include "atlas/atlas.h"
#include "geometry/mesh.h"

#include <map>
#include <string>
#include <vector>

namespace sura {

/// Bounds of what a human lower leg can measure, mm, for the warnings below. Unit mistakes
/// are factors of 10 (cm), 25.4 (inches) or 1000 (m), so bounds a factor of about two round
/// an adult's measures catch every one of them while never flagging a real leg, a child's
/// (from about four years) or a very tall adult's.
/// - Leg length (knee joint line to the tip of the medial malleolus, about the tibia's length):
///   about 400 mm in adults (the bundled model: 390); 200 to 700 accepted.
inline constexpr double kMinLegLengthMm = 200.0;
inline constexpr double kMaxLegLengthMm = 700.0;
/// - The largest extent of all the meshes together: from a single small muscle (popliteus,
///   about 100 mm) to a whole leg with thigh and foot (about 1000 mm in a tall adult).
inline constexpr double kMinAtlasExtentMm = 60.0;
inline constexpr double kMaxAtlasExtentMm = 1200.0;
/// - A stated leg length against the meshes' extent below the knee joint line: further apart
///   than this factor either way is a mistake, not a short mesh set.
inline constexpr double kLegLengthExtentFactor = 2.0;
/// - How far the muscles' middle may lie from the leg's axis (the origin's x and y): the calf
///   is about 120 mm across.
inline constexpr double kMaxOffAxisMm = 150.0;

/// Fills the landmarks the manifest leaves out from meshes with the bundled ids, saying so in
/// Landmarks::from: medial_malleolus = the lowest point of "tibia", lateral_malleolus = the
/// lowest point of "fibula", fibular_head = its highest point, calcaneal_tuberosity = the most
/// posterior point of "calcaneus"; leg_length = the knee joint line to the medial malleolus,
/// else the meshes' extent below the knee joint line (rough: a muscle-only set ends above the
/// ankle). The femoral condyles are not derived (nothing uses them).
void deriveLandmarks(Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes);

/// One warning per problem (file: the manifest; field: what to edit), never an error:
/// - frame.units: the meshes together span less than kMinAtlasExtentMm or more than
///   kMaxAtlasExtentMm (with the units that would fit);
/// - frame.origin: the muscles (group "muscles", else every mesh) lie wholly above the knee
///   joint line, or wholly more than half a leg length below it, or their middle is more than
///   kMaxOffAxisMm off the leg's axis;
/// - landmarks.leg_length: outside kMinLegLengthMm..kMaxLegLengthMm; further than a factor
///   kLegLengthExtentFactor from the meshes' extent below the knee joint line; more than 10%
///   off the medial malleolus's height; or taken from the meshes' extent (a rough value);
/// - landmarks.medial_malleolus: medial and lateral malleoli on the wrong sides for frame.side.
std::vector<AtlasWarning> checkFrame(const Atlas& atlas,
                                     const std::map<std::string, TriangleMesh>& meshes);

/// Id, group and name of the envelope generated round an atlas without a skin.
inline constexpr const char* kEnvelopeId = "generated_envelope";
inline constexpr const char* kEnvelopeGroup = "generated";

/// When the atlas has trigger points and no skin (no structure of group "skin" with a mesh),
/// adds a generated envelope round all its meshes (geometry/envelope.h) as a structure
/// kEnvelopeId of its own group kEnvelopeGroup, marked Structure::generated, named as
/// generated (never "skin"), so that points and zones can be placed on it. Returns whether it
/// did.
bool addGeneratedEnvelope(Atlas& atlas, std::map<std::string, TriangleMesh>& meshes);

} // namespace sura
