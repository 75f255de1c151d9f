// Clinical marks, fragment shader body (after VTK's Color Impl tag, where VTK has set
// diffuseColor, ambientColor and opacity from the actor's property; before the lighting).
// Only the diffuse colour is painted, so the ambient selection glow of a structure stays.
{
  float essential = suraZoneWeight(suraZoneVSOut.x);
  float spillover = suraZoneWeight(suraZoneVSOut.y) * (1.0 - essential);
  diffuseColor = suraPaintReferred(diffuseColor, essential, spillover, gl_FragCoord.xy);
  // Zones stay readable on skin made see-through.
  opacity = max(opacity, 0.85 * max(essential, spillover));

  diffuseColor = suraPaintPatch(diffuseColor, suraDistance(suraPatchVSOut), suraPatchVSOut.w,
                                suraPatchPixel);
  diffuseColor = suraPaintOver(diffuseColor, suraDistance(suraOverVSOut), suraOverVSOut.w,
                               suraOverPixel);

  ambientColor += suraHighlight(suraDistance(suraFocusVSOut), suraFocusVSOut.w, suraFocusPixel,
                                suraTime);
}
