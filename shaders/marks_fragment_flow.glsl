// Clinical marks, derivatives (replaces VTK's UniformFlow Impl tag): fwidth needs all four
// fragments of a 2x2 quad alive, so it runs before depth peeling may discard one.
float suraPatchPixel = suraPixel(suraDistance(suraPatchVSOut));
float suraOverPixel = suraPixel(suraDistance(suraOverVSOut));
float suraFocusPixel = suraPixel(suraDistance(suraFocusVSOut));
float suraSafetyPixel = max(fwidth(suraSafetyVSOut), 1e-4);
