// The safety map on the skin (picking/safety_map.h): how deep a needle can go straight in
// before it comes within the margin of a nerve, vessel or bone, in three classes. The colours
// are read by people with red-green colour blindness as well: a dark vermilion for under
// 20 mm, a pale yellow for 20 to 40 mm, a strong blue beyond (Okabe and Ito's palette: orange
// against blue, and dark, light, dark, so they part by lightness too). A thin dark line runs
// along each class boundary, so the zones read on a washed-out projector.
const vec3 suraSafetyShallowColor = vec3(0.80, 0.30, 0.02);
const vec3 suraSafetyMiddleColor = vec3(0.98, 0.88, 0.45);
const vec3 suraSafetyDeepColor = vec3(0.05, 0.40, 0.70);
const vec3 suraSafetyLineColor = vec3(0.12, 0.08, 0.05);

// `depth` in mm interpolated over the triangle; negative: no map here.
vec3 suraPaintSafety(vec3 base, float depth, float pixel) {
  if (depth < 0.0) {
    return base;
  }
  vec3 color = depth < 20.0 ? suraSafetyShallowColor
                            : (depth < 40.0 ? suraSafetyMiddleColor : suraSafetyDeepColor);
  float width = min(1.2 * pixel, 3.0);
  float line = max(1.0 - smoothstep(0.0, width, abs(depth - 20.0)),
                   1.0 - smoothstep(0.0, width, abs(depth - 40.0)));
  return mix(color, suraSafetyLineColor, 0.75 * line);
}
