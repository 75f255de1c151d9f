// The virtual needle in 3D: the part in the leg a dark steel shaft, the part outside greyed,
// the handle at its outer end, and a bright mark on the tip. Drawn from the needle readout
// the app keeps in its state (world frame), never computed here. Cheap: four small actors
// whose sources change only when the needle or its width on screen does.
#pragma once

#include "picking/needle.h"

#include <glm/vec3.hpp>
#include <vtkSmartPointer.h>

class vtkActor;
class vtkLineSource;
class vtkRenderer;
class vtkSphereSource;
class vtkTubeFilter;

namespace sura {

/// The shaft in the leg: dark blued steel, which reads on skin, muscle, tendon and bone.
inline constexpr glm::dvec3 kNeedleShaftColor{0.10, 0.12, 0.17};
/// The shaft outside the skin: greyed, so that what is inserted stands out.
inline constexpr glm::dvec3 kNeedleOutsideColor{0.56, 0.58, 0.62};
/// The handle (hub) at the outer end.
inline constexpr glm::dvec3 kNeedleHandleColor{0.16, 0.42, 0.72};
/// The tip's mark: bright orange, apart from every tissue colour, the trigger points' cyan
/// and the clicked point's violet bead.
inline constexpr glm::dvec3 kNeedleTipColor{1.0, 0.55, 0.0};

/// The shaft is drawn at least this wide on screen, pixels (a 0.25 mm needle is far thinner
/// than a pixel at any useful zoom).
inline constexpr double kNeedleMinPixels = 3.0;
/// Radius of the tip's mark on screen, pixels.
inline constexpr double kNeedleTipPixels = 5.0;
/// The handle beyond the outer end of the shaft: length, mm, and diameter (at least
/// kNeedleHandlePixels on screen).
inline constexpr double kNeedleHandleMm = 12.0;
inline constexpr double kNeedleHandleDiameterMm = 1.4;
inline constexpr double kNeedleHandlePixels = 5.0;

class NeedleDrawing {
public:
  NeedleDrawing();

  /// Adds the needle's actors (hidden) to the renderer.
  void addTo(vtkRenderer* renderer);

  /// Draws the needle of `placement` (world frame), widened to stay visible at `mmPerPixel`
  /// (the size of a pixel at the needle); hides it when `placement` is null.
  void show(const NeedlePlacement* placement, double mmPerPixel);

  /// The shaft from the entry to the tip, the shaft outside from the entry to its outer end,
  /// the handle beyond that, and the tip's mark.
  vtkActor* inside() const;
  vtkActor* outside() const;
  vtkActor* handle() const;
  vtkActor* tip() const;

private:
  struct Tube {
    vtkSmartPointer<vtkLineSource> line;
    vtkSmartPointer<vtkTubeFilter> tube;
    vtkSmartPointer<vtkActor> actor;
  };
  static Tube makeTube(const glm::dvec3& color);
  static void placeTube(Tube& tube, const glm::dvec3& from, const glm::dvec3& to, double radius);

  Tube inside_, outside_, handle_;
  vtkSmartPointer<vtkSphereSource> tipSphere_;
  vtkSmartPointer<vtkActor> tip_;
};

} // namespace sura
