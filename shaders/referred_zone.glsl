// Referred-pain zones on the skin, in the style of the classic trigger-point charts (the
// essential zone solid, the spillover zone stippled) but not in their red: red and pink on
// skin are one colour to a person with red-green colour blindness (deuteranopia or
// protanopia: pink spillover on skin differs by Delta E 5 in a simulation). Blue-violet
// stays blue to them and is skin's complement for everyone: a deep indigo essential zone and
// indigo dots on a pale lilac ground keep Delta E over 40 from the skin and from each other
// in normal, deuteranopic and protanopic vision (checked by test_render_trigger_points). It
// is darker than the trigger points' cyan and bluer than the violet pick bead.
const vec3 suraEssentialColor = vec3(0.24, 0.14, 0.62);
const vec3 suraSpilloverColor = vec3(0.87, 0.82, 1.0);
const float suraStipplePitchPixels = 7.0;

// A screen-space dot screen (alternate rows shifted by half a pitch, as in print): 1 on a
// dot, 0 between dots. Screen space keeps the dots the same size on any zoom.
float suraStipple(vec2 fragCoord) {
  vec2 cell = fragCoord / suraStipplePitchPixels;
  cell.x += 0.5 * mod(floor(cell.y), 2.0);
  float d = length(fract(cell) - 0.5) * suraStipplePitchPixels;
  return 1.0 - smoothstep(1.5, 2.5, d);
}

// Soft-edged weights from the per-vertex ones: the zone is full well inside and fades over
// its edge, without the faceted look of the raw interpolation.
float suraZoneWeight(float w) {
  return smoothstep(0.1, 0.9, w);
}

vec3 suraPaintReferred(vec3 base, float essential, float spillover, vec2 fragCoord) {
  vec3 spill = mix(suraSpilloverColor, suraEssentialColor, suraStipple(fragCoord));
  vec3 color = mix(base, spill, spillover);
  return mix(color, suraEssentialColor, essential);
}
