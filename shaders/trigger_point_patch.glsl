// Trigger points painted on their muscle, and marked on whatever lies over them.
// Cyan is the complement of the muscles' red-brown: it reads on a projector and stays apart
// from the red of the referred-pain zones, the yellow of nerves and the blue of veins.
const vec3 suraPointColor = vec3(0.0, 0.80, 0.92);
const vec3 suraPointCentreColor = vec3(0.02, 0.10, 0.28);
const vec3 suraPointRimColor = vec3(1.0, 1.0, 1.0);
// Centre mark, mm: a dark dot in a white rim, small enough not to hide the muscle's shape.
const float suraCentreDotMm = 2.0;
const float suraCentreRimMm = 3.4;

// The soft-edged region of a trigger point: full up to 80 % of its radius, gone past 110 %.
float suraPatchWeight(float d, float radius) {
  return 1.0 - smoothstep(0.8 * radius, 1.1 * radius, d);
}

// The patch with its centre mark, on the muscle the point lies in.
vec3 suraPaintPatch(vec3 base, float d, float radius, float pixel) {
  vec3 color = mix(base, suraPointColor, 0.9 * suraPatchWeight(d, radius));
  color = mix(color, suraPointRimColor, suraDisc(d, suraCentreRimMm, pixel));
  return mix(color, suraPointCentreColor, suraDisc(d, suraCentreDotMm, pixel));
}

// Over a point that lies beneath (under the skin, under another muscle): a target, an open
// cyan ring with a dark outline and a dark centre dot. Open, unlike the filled patch, so that
// it says "under here", not "this tissue".
vec3 suraPaintOver(vec3 base, float d, float radius, float pixel) {
  float inner = 0.55 * radius;
  float outer = 0.8 * radius;
  float outline = max(0.8, pixel);
  vec3 color = mix(base, suraPointCentreColor, suraBand(d, inner - outline, outer + outline, pixel));
  color = mix(color, suraPointColor, suraBand(d, inner, outer, pixel));
  color = mix(color, suraPointRimColor, suraDisc(d, suraCentreRimMm, pixel));
  return mix(color, suraPointCentreColor, suraDisc(d, suraCentreDotMm, pixel));
}
