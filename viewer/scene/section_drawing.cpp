#include "scene/section_drawing.h"

#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkContourTriangulator.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty2D.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkTextRenderer.h>

#include <glm/common.hpp>
#include <glm/vec2.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace sura {

namespace {

// Measures in units of the font size, so that the drawing keeps its proportions at any size.
constexpr double kCaptionHeight = 3.2; // title and subtitle lines with some air
constexpr double kLetterMargin = 1.9;  // room for a direction letter beside the section
constexpr double kBottomMargin = 2.2;  // the letter P and the scale bar under the section
constexpr double kFitMargin = 1.06;    // the widest section leaves this much air in its panel
constexpr double kMinFont = 11;        // pixels: still legible on a small picture
constexpr double kMaxFont = 48;

const glm::dvec3 kPaper{1.0, 1.0, 1.0};
const glm::dvec3 kInk{0.1, 0.1, 0.12};
const glm::dvec3 kLetterInk{0.3, 0.3, 0.35};
const glm::dvec3 kSeparator{0.82, 0.82, 0.85};
// Outlines are the fill darkened this much: touching muscles of nearly the same red still
// read apart, and the line belongs to its region rather than looking like a wire.
constexpr double kOutlineShade = 0.35;

struct PanelFrame {
  double x0 = 0, x1 = 0;                           // the panel's columns
  double left = 0, right = 0, bottom = 0, top = 0; // where the section goes
};

PanelFrame panelFrame(int index, int count, int width, int height, double font) {
  PanelFrame f;
  f.x0 = double(width) * index / count;
  f.x1 = double(width) * (index + 1) / count;
  f.left = f.x0 + kLetterMargin * font;
  f.right = f.x1 - kLetterMargin * font;
  f.bottom = kBottomMargin * font;
  f.top = height - (kCaptionHeight + kLetterMargin) * font;
  return f;
}

Aabb panelBounds(const SectionPanel& panel) {
  Aabb box;
  for (const SectionRegion& region : panel.regions) {
    for (const SectionLoop& loop : region.loops) {
      for (const glm::dvec2& p : loop.points) {
        box.add(glm::dvec3(p, 0.0));
      }
    }
  }
  return box;
}

double fontSizeFor(const SectionSheet& sheet, int width, int height) {
  const double panelWidth = double(width) / double(std::max<std::size_t>(sheet.panels.size(), 1));
  return std::clamp(std::min(panelWidth, double(height)) / 22.0, kMinFont, kMaxFont);
}

vtkSmartPointer<vtkActor2D> actorFor(vtkPolyData* data, const glm::dvec3& color) {
  auto mapper = vtkSmartPointer<vtkPolyDataMapper2D>::New();
  mapper->SetInputData(data);
  auto actor = vtkSmartPointer<vtkActor2D>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(color.r, color.g, color.b);
  return actor;
}

// The closed loops of a region filled, holes left open. The triangulator takes the outlines
// as single segments and tells outer loops from holes by their turning direction.
vtkSmartPointer<vtkActor2D> fillActor(const std::vector<std::vector<glm::dvec2>>& loops,
                                      const glm::dvec3& color) {
  auto points = vtkSmartPointer<vtkPoints>::New();
  auto segments = vtkSmartPointer<vtkCellArray>::New();
  for (const std::vector<glm::dvec2>& loop : loops) {
    const vtkIdType first = points->GetNumberOfPoints();
    const auto n = static_cast<vtkIdType>(loop.size());
    for (const glm::dvec2& p : loop) {
      points->InsertNextPoint(p.x, p.y, 0.0);
    }
    for (vtkIdType i = 0; i < n; ++i) {
      const vtkIdType segment[2] = {first + i, first + (i + 1) % n};
      segments->InsertNextCell(2, segment);
    }
  }
  auto outlines = vtkSmartPointer<vtkPolyData>::New();
  outlines->SetPoints(points);
  outlines->SetLines(segments);
  auto triangles = vtkSmartPointer<vtkCellArray>::New();
  const double up[3] = {0.0, 0.0, 1.0};
  // A loop the triangulator cannot fill whole (a self-touching outline) is filled as far as
  // it goes; the outline drawn over it still shows the region's shape.
  vtkContourTriangulator::TriangulateContours(outlines, 0, segments->GetNumberOfCells(), triangles,
                                              up);
  auto filled = vtkSmartPointer<vtkPolyData>::New();
  filled->SetPoints(points);
  filled->SetPolys(triangles);
  return actorFor(filled, color);
}

vtkSmartPointer<vtkActor2D> outlineActor(const std::vector<std::vector<glm::dvec2>>& loops,
                                         const std::vector<bool>& closed, const glm::dvec3& color,
                                         double width) {
  auto points = vtkSmartPointer<vtkPoints>::New();
  auto lines = vtkSmartPointer<vtkCellArray>::New();
  for (std::size_t k = 0; k < loops.size(); ++k) {
    const vtkIdType first = points->GetNumberOfPoints();
    for (const glm::dvec2& p : loops[k]) {
      points->InsertNextPoint(p.x, p.y, 0.0);
    }
    const auto n = static_cast<vtkIdType>(loops[k].size());
    lines->InsertNextCell(static_cast<int>(n) + (closed[k] ? 1 : 0));
    for (vtkIdType i = 0; i < n; ++i) {
      lines->InsertCellPoint(first + i);
    }
    if (closed[k]) {
      lines->InsertCellPoint(first);
    }
  }
  auto data = vtkSmartPointer<vtkPolyData>::New();
  data->SetPoints(points);
  data->SetLines(lines);
  auto actor = actorFor(data, color);
  actor->GetProperty()->SetLineWidth(static_cast<float>(width));
  return actor;
}

vtkSmartPointer<vtkActor2D> rectangleActor(double x0, double y0, double x1, double y1,
                                           const glm::dvec3& color) {
  auto points = vtkSmartPointer<vtkPoints>::New();
  points->InsertNextPoint(x0, y0, 0.0);
  points->InsertNextPoint(x1, y0, 0.0);
  points->InsertNextPoint(x1, y1, 0.0);
  points->InsertNextPoint(x0, y1, 0.0);
  auto quad = vtkSmartPointer<vtkCellArray>::New();
  const vtkIdType corners[4] = {0, 1, 2, 3};
  quad->InsertNextCell(4, corners);
  auto data = vtkSmartPointer<vtkPolyData>::New();
  data->SetPoints(points);
  data->SetPolys(quad);
  return actorFor(data, color);
}

struct TextStyle {
  double size = 12;
  bool bold = false;
  glm::dvec3 color = kInk;
  /// Horizontal anchor: -1 the text's left end, 0 its middle, +1 its right end.
  int align = 0;
  /// Widest the text may be, in pixels; a longer text gets a smaller font. 0: no limit.
  double maxWidth = 0;
};

// A line of text centred vertically on (x, y).
vtkSmartPointer<vtkTextActor> textActor(const std::string& text, double x, double y,
                                        const TextStyle& style) {
  auto actor = vtkSmartPointer<vtkTextActor>::New();
  actor->SetInput(text.c_str());
  vtkTextProperty* p = actor->GetTextProperty();
  p->SetFontFamilyToArial();
  p->SetBold(style.bold);
  p->SetColor(style.color.r, style.color.g, style.color.b);
  p->SetJustification(style.align < 0   ? VTK_TEXT_LEFT
                      : style.align > 0 ? VTK_TEXT_RIGHT
                                        : VTK_TEXT_CENTERED);
  p->SetVerticalJustificationToCentered();
  int size = std::max(1, static_cast<int>(std::lround(style.size)));
  p->SetFontSize(size);
  if (style.maxWidth > 0) {
    // Measured, not guessed: the font's own widths at the window's 72 dpi (1 pt = 1 px).
    int box[4] = {0, 0, 0, 0};
    vtkTextRenderer* measure = vtkTextRenderer::GetInstance();
    while (size > static_cast<int>(kMinFont) && measure &&
           measure->GetBoundingBox(p, text, box, 72) && box[1] - box[0] > style.maxWidth) {
      p->SetFontSize(--size);
    }
  }
  actor->SetPosition(x, y);
  return actor;
}

std::string formatNumber(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

// The label of a structure in a section: its name up to a comma ("Gastrocnemius").
std::string shortName(const std::string& name) {
  return name.substr(0, name.find(','));
}

// Centre of the largest closed loop (its vertex mean) and its bounds, panel mm.
std::pair<glm::dvec2, Aabb> labelSpot(const SectionRegion& region) {
  const SectionLoop* largest = nullptr;
  double area = 0;
  for (const SectionLoop& loop : region.loops) {
    const double a = loop.closed ? signedArea(loop.points) : 0.0;
    if (a > area) {
      area = a;
      largest = &loop;
    }
  }
  Aabb box;
  glm::dvec2 sum(0.0);
  if (largest) {
    for (const glm::dvec2& p : largest->points) {
      box.add({p, 0.0});
      sum += p;
    }
    sum /= static_cast<double>(largest->points.size());
  }
  return {sum, box};
}

} // namespace

double heightOfLevel(const Landmarks& landmarks, double t) {
  return landmarks.kneeJointLineZ - t * landmarks.legLength;
}

double levelOfHeight(const Landmarks& landmarks, double z) {
  return (landmarks.kneeJointLineZ - z) / landmarks.legLength;
}

std::string levelTitle(const Landmarks& landmarks, double z) {
  double t = levelOfHeight(landmarks, z);
  // Two decimals, as the landmark terms are written, unless the level asked for has a third.
  const bool third = std::abs(t * 100.0 - std::round(t * 100.0)) > 1e-6;
  t = std::abs(t) < 5e-4 ? 0.0 : t; // no "-0.00"
  return "t " + formatNumber(third ? "%.3f" : "%.2f", t);
}

std::string levelSubtitle(const Landmarks& landmarks, double z) {
  const long below = std::lround(landmarks.kneeJointLineZ - z);
  if (below == 0) {
    return "at the knee joint line";
  }
  return std::to_string(std::abs(below)) + " mm " + (below > 0 ? "below" : "above") +
         " the knee joint line";
}

void orientSheet(SectionSheet& sheet, Side shown) {
  const bool leftLeg = shown == Side::Left;
  // Lateral is the patient's right for a right leg, which radiological view puts on the left.
  sheet.directions = {"A", "P", leftLeg ? "M" : "L", leftLeg ? "L" : "M"};
  sheet.note = std::string(leftLeg ? "left" : "right") + " leg, seen from below";
}

glm::dvec2 panelOfAtlas(const glm::dvec2& atlasXy, bool mirrored) {
  // Seen from the feet with anterior up, the drawn leg's +x (the patient's right) runs to the
  // picture's left. The other leg is the atlas mirrored in x: the same cut, x turned round.
  return {mirrored ? atlasXy.x : -atlasXy.x, atlasXy.y};
}

glm::dvec2 atlasOfPanel(const glm::dvec2& panelXy, bool mirrored) {
  return panelOfAtlas(panelXy, mirrored); // its own inverse
}

SectionPanel sectionPanel(const Atlas& atlas, const std::vector<SectionCut>& cuts,
                          const AppState& state, double z) {
  const bool mirrored = mirrorsAtlas(state.side, atlas);
  std::vector<std::pair<double, SectionRegion>> regions;
  for (const SectionCut& cut : cuts) {
    const Structure* structure = atlas.find(cut.structure);
    if (!structure || !isShown(state, atlas, cut.structure)) {
      continue;
    }
    SectionRegion region;
    region.color = structure->color;
    region.label = shortName(structure->name);
    for (const SectionLoop& loop : cut.loops) {
      SectionLoop drawn;
      drawn.closed = loop.closed;
      for (const glm::dvec2& p : loop.points) {
        drawn.points.push_back(panelOfAtlas(p, mirrored));
      }
      if (!mirrored) { // x turned round: counter-clockwise again
        std::reverse(drawn.points.begin(), drawn.points.end());
      }
      region.loops.push_back(std::move(drawn));
    }
    regions.push_back({cut.area, std::move(region)});
  }
  // Largest first: the skin's cut under the muscles (the fat between them shows in skin
  // colour), and nothing drawn over a nerve or vessel lying inside a muscle's outline.
  std::stable_sort(regions.begin(), regions.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  SectionPanel panel;
  panel.title = levelTitle(atlas.landmarks, z);
  panel.subtitle = levelSubtitle(atlas.landmarks, z);
  for (auto& region : regions) {
    panel.regions.push_back(std::move(region.second));
  }
  return panel;
}

SectionLayout layoutSections(const SectionSheet& sheet, int width, int height) {
  SectionLayout layout;
  layout.fontSize = fontSizeFor(sheet, width, height);
  const int count = static_cast<int>(std::max<std::size_t>(sheet.panels.size(), 1));
  const PanelFrame frame = panelFrame(0, count, width, height, layout.fontSize);
  // A picture too small for the margins still gets a positive scale (and a tiny drawing).
  const double room[2] = {std::max(frame.right - frame.left, 1.0),
                          std::max(frame.top - frame.bottom, 1.0)};
  double widest[2] = {0.0, 0.0};
  for (const SectionPanel& panel : sheet.panels) {
    const Aabb box = panelBounds(panel);
    if (!box.empty()) {
      widest[0] = std::max(widest[0], box.size().x);
      widest[1] = std::max(widest[1], box.size().y);
    }
  }
  layout.pixelsPerMm = 1.0;
  if (widest[0] > 0 || widest[1] > 0) {
    layout.pixelsPerMm = std::min(widest[0] > 0 ? room[0] / (widest[0] * kFitMargin) : 1e9,
                                  widest[1] > 0 ? room[1] / (widest[1] * kFitMargin) : 1e9);
  }
  // The bar stands beside the section, in the margin under it: keep it a modest part of the
  // panel's width.
  layout.scaleBarMm =
      kScaleBarLongMm * layout.pixelsPerMm <= 0.3 * room[0] ? kScaleBarLongMm : kScaleBarShortMm;
  return layout;
}

SectionPanelMap sectionPanelMap(const SectionSheet& sheet, int width, int height, int panel) {
  const SectionLayout layout = layoutSections(sheet, width, height);
  const int count = static_cast<int>(std::max<std::size_t>(sheet.panels.size(), 1));
  const PanelFrame f = panelFrame(panel, count, width, height, layout.fontSize);
  SectionPanelMap map;
  const Aabb box = panel < static_cast<int>(sheet.panels.size())
                       ? panelBounds(sheet.panels[static_cast<std::size_t>(panel)])
                       : Aabb{};
  map.centre = box.empty() ? glm::dvec2(0.0) : glm::dvec2(box.center());
  map.place = glm::dvec2(0.5 * (f.left + f.right), 0.5 * (f.bottom + f.top));
  map.pixelsPerMm = layout.pixelsPerMm;
  return map;
}

vtkSmartPointer<vtkRenderer> sectionRenderer(const SectionSheet& sheet, int width, int height) {
  auto renderer = vtkSmartPointer<vtkRenderer>::New();
  renderer->SetBackground(kPaper.r, kPaper.g, kPaper.b);
  // Smooths the outlines and region borders; the inside of a region keeps its exact colour.
  renderer->UseFXAAOn();
  const SectionLayout layout = layoutSections(sheet, width, height);
  const double font = layout.fontSize;
  const int count = static_cast<int>(sheet.panels.size());
  const double lineWidth = std::max(1.0, font / 12.0);

  for (int i = 0; i < count; ++i) {
    const SectionPanel& panel = sheet.panels[static_cast<std::size_t>(i)];
    const PanelFrame f = panelFrame(i, count, width, height, font);
    const double middle = 0.5 * (f.x0 + f.x1);
    if (i > 0) {
      renderer->AddActor2D(rectangleActor(f.x0 - 0.5, font, f.x0 + 0.5, height - font, kSeparator));
    }

    // Each section centred in its panel, at the scale all panels share.
    const Aabb box = panelBounds(panel);
    const glm::dvec2 centre = box.empty() ? glm::dvec2(0.0) : glm::dvec2(box.center());
    const glm::dvec2 place(0.5 * (f.left + f.right), 0.5 * (f.bottom + f.top));
    const auto toPixels = [&](const glm::dvec2& mm) {
      return place + (mm - centre) * layout.pixelsPerMm;
    };
    for (const SectionRegion& region : panel.regions) {
      std::vector<std::vector<glm::dvec2>> filled, drawn;
      std::vector<bool> closed;
      for (const SectionLoop& loop : region.loops) {
        std::vector<glm::dvec2> pixels;
        pixels.reserve(loop.points.size());
        for (const glm::dvec2& p : loop.points) {
          pixels.push_back(toPixels(p));
        }
        if (loop.closed) {
          filled.push_back(pixels);
        }
        drawn.push_back(std::move(pixels));
        closed.push_back(loop.closed);
      }
      const glm::dvec3 color(region.color);
      if (!filled.empty()) {
        renderer->AddActor2D(fillActor(filled, color));
      }
      if (!drawn.empty()) {
        renderer->AddActor2D(outlineActor(drawn, closed, color * kOutlineShade, lineWidth));
      }
    }
    if (sheet.labelRegions) {
      // Names where they fit inside their region, in small dark type on a light halo.
      for (const SectionRegion& region : panel.regions) {
        if (region.label.empty()) {
          continue;
        }
        const auto [spot, bounds] = labelSpot(region);
        if (bounds.empty()) {
          continue;
        }
        const double labelFont = std::max(kMinFont, 0.72 * font);
        const double room = bounds.size().x * layout.pixelsPerMm;
        const double tall = bounds.size().y * layout.pixelsPerMm;
        int box4[4] = {0, 0, 0, 0};
        vtkSmartPointer<vtkTextActor> label = textActor(
            region.label, toPixels(spot).x, toPixels(spot).y, {labelFont, false, kInk, 0, 0});
        vtkTextRenderer* measure = vtkTextRenderer::GetInstance();
        const bool fits =
            measure && measure->GetBoundingBox(label->GetTextProperty(), region.label, box4, 72) &&
            box4[1] - box4[0] <= 0.95 * room && 1.3 * labelFont <= tall;
        if (fits && &region != &panel.regions.front()) { // not the skin's disc
          label->GetTextProperty()->SetBackgroundColor(1.0, 1.0, 1.0);
          label->GetTextProperty()->SetBackgroundOpacity(0.55);
          renderer->AddActor2D(label);
        }
      }
    }
    for (const SectionLine& line : panel.lines) {
      renderer->AddActor2D(outlineActor({{toPixels(line.a), toPixels(line.b)}}, {false},
                                        glm::dvec3(line.color), 2.5 * lineWidth));
      for (const glm::dvec2& end : {line.a, line.b}) {
        const glm::dvec2 p = toPixels(end);
        const double r = 2.0 * lineWidth;
        renderer->AddActor2D(
            rectangleActor(p.x - r, p.y - r, p.x + r, p.y + r, glm::dvec3(line.color)));
      }
    }
    if (box.empty()) {
      TextStyle note{font, false, kLetterInk, 0, f.x1 - f.x0 - font};
      renderer->AddActor2D(textActor("nothing is cut at this level", middle, place.y, note));
    }

    // Caption: the level in large type, then what it means.
    const double captionWidth = f.x1 - f.x0 - font;
    renderer->AddActor2D(textActor(panel.title, middle, height - 1.0 * font,
                                   {1.3 * font, true, kInk, 0, captionWidth}));
    renderer->AddActor2D(textActor(panel.subtitle, middle, height - 2.4 * font,
                                   {font, false, kInk, 0, captionWidth}));

    // Direction letters just outside the section area.
    const TextStyle letter{1.2 * font, true, kLetterInk, 0, 0};
    const SectionDirections& d = sheet.directions;
    renderer->AddActor2D(textActor(d.top, middle, f.top + 0.8 * font, letter));
    renderer->AddActor2D(textActor(d.bottom, middle, f.bottom - 0.9 * font, letter));
    renderer->AddActor2D(textActor(d.left, f.x0 + 0.9 * font, place.y, letter));
    renderer->AddActor2D(textActor(d.right, f.x1 - 0.9 * font, place.y, letter));

    // Scale bar at the bottom left, its length written beside it.
    const double barLeft = f.x0 + 0.9 * font;
    const double barRight = barLeft + layout.scaleBarMm * layout.pixelsPerMm;
    const double barY = f.bottom - 0.9 * font;
    renderer->AddActor2D(
        rectangleActor(barLeft, barY - 0.15 * font, barRight, barY + 0.15 * font, kInk));
    const std::string barText = std::to_string(static_cast<int>(layout.scaleBarMm)) + " mm";
    renderer->AddActor2D(
        textActor(barText, barRight + 0.4 * font, barY, {0.85 * font, false, kInk, -1, 0}));
    if (i == count - 1) { // once: all panels show the same leg
      renderer->AddActor2D(
          textActor(sheet.note, f.x1 - 0.9 * font, barY,
                    {0.75 * font, false, kLetterInk, 1, f.x1 - middle - 1.5 * font}));
    }
  }
  return renderer;
}

Image drawSections(const SectionSheet& sheet, int width, int height) {
  vtkSmartPointer<vtkRenderer> renderer = sectionRenderer(sheet, width, height);
  OffscreenRenderer offscreen(renderer, width, height);
  return offscreen.render();
}

} // namespace sura
