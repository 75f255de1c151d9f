// Clinical marks, vertex shader declarations (replaces VTK's CustomUniforms Dec tag).
// Each spot attribute holds the nearest spot of its kind (atlas frame, mm) in xyz and that
// trigger point's radius in w. It is passed flat: the whole triangle measures from one real
// spot, so a triangle between two spots never blends them into a phantom mark halfway.
in vec3 suraAtlasPosition; // the vertex in the atlas frame (not mirrored), mm
in vec4 suraPatch;         // nearest shown trigger point of this muscle (its surface point)
in vec4 suraOver;          // nearest spot right over a shown trigger point lying beneath
in vec4 suraFocus;         // the selected point's spot here; w < 0: its target (beneath)
in vec2 suraZone;          // referred-pain weights, 0..1: x essential, y spillover
in float suraSafety;       // safety map depth, mm; negative: no map
out vec3 suraAtlasPositionVSOut;
flat out vec4 suraPatchVSOut;
flat out vec4 suraOverVSOut;
flat out vec4 suraFocusVSOut;
out vec2 suraZoneVSOut;
out float suraSafetyVSOut;
