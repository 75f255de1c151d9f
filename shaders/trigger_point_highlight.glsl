// The selected trigger point: a warm halo just outside its region that breathes gently.
// suraTime (seconds) is set by Scene::setTime. At time 0, which `sura render` uses, the halo
// stands at its fullest, so still pictures show it clearly and are always the same.
const vec3 suraHaloColor = vec3(1.0, 0.78, 0.12);
const float suraPulsePeriodSeconds = 1.6;

// 1 at time 0 and every period, falling to 0.55 in between: a pulse, never gone.
float suraPulse(float seconds) {
  return 0.775 + 0.225 * cos(6.2831853 * seconds / suraPulsePeriodSeconds);
}

// Emitted light (added to the ambient term, so it glows in shadow too) at distance d from
// the selected point's spot. The halo's ring widens a little as it brightens.
vec3 suraHighlight(float d, float radius, float pixel, float seconds) {
  float pulse = suraPulse(seconds);
  float outer = radius * (1.25 + 0.2 * pulse);
  float halo = suraBand(d, 1.05 * radius, outer, pixel);
  // A faint inner glow lifts the selected patch itself above the others.
  float inner = 0.25 * suraDisc(d, 1.05 * radius, pixel);
  return suraHaloColor * (0.9 * halo + inner) * pulse;
}
