// The teacher's pins in 3D: each a short dark stick standing out of the surface along its
// normal with a round head, and beside the head a note like a sticky note (the pin's number
// and its text), drawn over the scene at a fixed size on screen, so that it reads at
// whole-leg zoom and from the back of a classroom. Drawn from the state's pins (atlas frame,
// mirrored with the leg), never computed here.
#pragma once

#include "state/app_state.h"

#include <glm/vec3.hpp>
#include <vtkSmartPointer.h>

#include <array>
#include <string>
#include <vector>

class vtkActor;
class vtkCoordinate;
class vtkLineSource;
class vtkRenderer;
class vtkSphereSource;
class vtkTextActor;
class vtkTubeFilter;

namespace sura {

/// The head: dark navy, which stands apart from every tissue colour (all light to middling:
/// skin, red muscle, ivory bone, yellow nerve, red and blue vessels) whatever a person's colour
/// vision, and from the violet bead, the cyan trigger points and the orange needle tip.
inline constexpr glm::dvec3 kPinHeadColor{0.10, 0.13, 0.27};
/// A pale rim round the head, pixels wide: the dark head stands out on dark red muscle and in
/// shadow as well as on pale skin and bone.
inline constexpr glm::dvec3 kPinRimColor{0.97, 0.97, 0.95};
inline constexpr double kPinRimPixels = 2.0;
/// The pin in focus: the selection's amber.
inline constexpr glm::dvec3 kPinFocusColor{1.0, 0.74, 0.05};
/// The stick: dark grey steel.
inline constexpr glm::dvec3 kPinStickColor{0.22, 0.23, 0.26};
/// The note: dark text on a pale yellow card with a dark frame.
inline constexpr glm::dvec3 kPinNoteColor{1.0, 0.96, 0.70};
inline constexpr glm::dvec3 kPinNoteTextColor{0.08, 0.08, 0.10};

/// Sizes on screen, pixels: the head's radius, the stick's length and radius, the note's font
/// (at UI size 1; it grows with the UI size).
inline constexpr double kPinHeadPixels = 7.0;
inline constexpr double kPinStickPixels = 24.0;
inline constexpr double kPinStickRadiusPixels = 1.5;
inline constexpr int kPinNoteFontPixels = 16;
/// A note is wrapped at this many characters a line, and shows at most kPinNoteLines lines in
/// the view (the panel shows it whole).
inline constexpr std::size_t kPinNoteLineChars = 28;
inline constexpr std::size_t kPinNoteLines = 3;

/// What the view shows of one pin, world frame (mirrored already), sizes in mm at its place.
struct PinShown {
  glm::dvec3 point{0.0};
  glm::dvec3 normal{0.0, 0.0, 1.0};
  std::string note; ///< "1  Palpate here", wrapped
  bool focus = false;
  bool noteShown = true; ///< false when the pin faces away from the camera
  double mmPerPixel = 1.0;
};

/// The note as the view shows it: "N  text", wrapped at kPinNoteLineChars (at spaces where it
/// can), at most kPinNoteLines lines, the last ending in "..." when there was more.
std::string pinNoteText(std::size_t number, const std::string& text);

class PinDrawing {
public:
  explicit PinDrawing(vtkRenderer* renderer);
  ~PinDrawing();
  PinDrawing(const PinDrawing&) = delete;
  PinDrawing& operator=(const PinDrawing&) = delete;

  /// Draws these pins (and no others); `uiScale` sizes the notes.
  void show(const std::vector<PinShown>& pins, float uiScale);

  /// The notes on screen, each as (x0, y0, x1, y1) in the renderer's pixels from its lower
  /// left, for the camera as it now stands: what other things drawn over the view (labels)
  /// keep off.
  std::vector<std::array<double, 4>> noteExtents() const;

  /// Where the head of pin i is drawn, world frame (tests).
  glm::dvec3 headCentre(std::size_t i) const;
  std::size_t count() const { return shown_; }
  /// The head's actor and the note's, of pin i (tests).
  vtkActor* head(std::size_t i) const;
  vtkTextActor* note(std::size_t i) const;

private:
  struct Actors {
    vtkSmartPointer<vtkLineSource> line;
    vtkSmartPointer<vtkTubeFilter> tube;
    vtkSmartPointer<vtkActor> stick;
    vtkSmartPointer<vtkSphereSource> sphere;
    vtkSmartPointer<vtkActor> head;
    vtkSmartPointer<vtkSphereSource> rimSphere;
    vtkSmartPointer<vtkActor> rim;
    vtkSmartPointer<vtkCoordinate> anchor;
    vtkSmartPointer<vtkTextActor> note;
  };
  Actors make();

  vtkRenderer* renderer_;
  std::vector<Actors> actors_;
  std::size_t shown_ = 0;
};

} // namespace sura
