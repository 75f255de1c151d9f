// Clinical marks, vertex shader body (replaces VTK's CustomEnd Impl tag).
suraAtlasPositionVSOut = suraAtlasPosition;
suraPatchVSOut = suraPatch;
suraOverVSOut = suraOver;
suraFocusVSOut = suraFocus;
suraZoneVSOut = suraZone;
suraSafetyVSOut = suraSafety;
