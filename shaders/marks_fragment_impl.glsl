// Clinical marks, fragment shader body (after VTK's Color Impl tag, where VTK has set
// diffuseColor, ambientColor and opacity from the actor's property; before the lighting).
// Only the diffuse colour is painted, so the ambient selection glow of a structure stays.
{
  // A target stands in for a point hidden under this surface; where the surface is made
  // see-through the point itself shows, and a target over it would only double it.
  float cover = smoothstep(0.3, 0.8, opacity);
  diffuseColor = suraPaintSafety(diffuseColor, suraSafetyVSOut, suraSafetyPixel);
  float essential = suraZoneWeight(suraZoneVSOut.x);
  float spillover = suraZoneWeight(suraZoneVSOut.y) * (1.0 - essential);
  diffuseColor = suraPaintReferred(diffuseColor, essential, spillover, gl_FragCoord.xy);
  // Zones stay readable on skin made see-through, yet let the muscles show through them.
  opacity = max(opacity, 0.35 * max(essential, spillover));

  diffuseColor = suraPaintPatch(diffuseColor, suraDistance(suraPatchVSOut), suraPatchVSOut.w,
                                suraPatchPixel);
  diffuseColor = mix(diffuseColor,
                     suraPaintOver(diffuseColor, suraDistance(suraOverVSOut), suraOverVSOut.w,
                                   suraOverPixel),
                     cover);

  // A negative radius marks the selected point's target (it lies beneath): it fades like one.
  float focusStrength = suraFocusVSOut.w < 0.0 ? cover : 1.0;
  ambientColor += focusStrength * suraHighlight(suraDistance(suraFocusVSOut),
                                                abs(suraFocusVSOut.w), suraFocusPixel, suraTime);
}
