// Clinical marks, fragment shader declarations (replaces VTK's CustomUniforms Dec tag, after
// VTK's own uniforms: suraTime is one of them). The effects themselves are in
// trigger_point_patch.glsl, trigger_point_highlight.glsl and referred_zone.glsl.
in vec3 suraAtlasPositionVSOut;
flat in vec4 suraPatchVSOut;
flat in vec4 suraOverVSOut;
flat in vec4 suraFocusVSOut;
in vec2 suraZoneVSOut;
in float suraSafetyVSOut;

// Distance in mm from this fragment to a spot (xyz of a spot attribute).
float suraDistance(vec4 spot) {
  return distance(suraAtlasPositionVSOut, spot.xyz);
}

// Half the width of one pixel's footprint of a distance, for anti-aliased edges.
float suraPixel(float distanceMm) {
  return max(0.5 * fwidth(distanceMm), 1e-4);
}

// 1 inside a disc of the given radius, 0 outside, with an edge one pixel wide.
float suraDisc(float d, float radius, float pixel) {
  return 1.0 - smoothstep(radius - pixel, radius + pixel, d);
}

// 1 on the band between two radii, 0 elsewhere, with anti-aliased edges.
float suraBand(float d, float inner, float outer, float pixel) {
  return smoothstep(inner - pixel, inner + pixel, d) * suraDisc(d, outer, pixel);
}
