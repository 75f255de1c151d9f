#include "scene/overlays.h"

#include "picking/safety_map.h"
#include "scene/section_drawing.h"

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkCellArray.h>
#include <vtkContourTriangulator.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPolyDataMapper2D.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <glm/geometric.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <set>
#include <tuple>

namespace sura {

namespace {

// Caps lie a little below the cut, in three tiers, so that seen from above the smaller
// structures' caps win over the skin's disc under them (and nerves and vessels over muscles)
// without fighting for the same depth.
constexpr double kSkinCapBelowMm = 0.6;
constexpr double kCapBelowMm = 0.3;
// The inset: a share of the 3D view's shorter side, within these bounds (pixels).
constexpr double kInsetShare = 0.42;
constexpr double kMinInset = 180;
constexpr double kMaxInset = 560;
constexpr double kInsetMargin = 10;

vtkSmartPointer<vtkActor2D> rectangle2D(double x0, double y0, double x1, double y1,
                                        const glm::dvec3& color, double opacity = 1.0) {
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
  auto mapper = vtkSmartPointer<vtkPolyDataMapper2D>::New();
  mapper->SetInputData(data);
  auto actor = vtkSmartPointer<vtkActor2D>::New();
  actor->SetMapper(mapper);
  actor->GetProperty()->SetColor(color.r, color.g, color.b);
  actor->GetProperty()->SetOpacity(opacity);
  return actor;
}

// A line of text with its lower left corner at (x, y).
vtkSmartPointer<vtkTextActor> text2D(const std::string& text, double x, double y, double size,
                                     bool bold = false) {
  auto actor = vtkSmartPointer<vtkTextActor>::New();
  actor->SetInput(text.c_str());
  vtkTextProperty* p = actor->GetTextProperty();
  p->SetFontFamilyToArial();
  p->SetBold(bold);
  p->SetColor(0.1, 0.1, 0.12);
  p->SetFontSize(std::max(1, static_cast<int>(std::lround(size))));
  p->SetJustificationToLeft();
  p->SetVerticalJustificationToBottom();
  actor->SetPosition(x, y);
  return actor;
}

std::string mm(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.0f", value);
  return text;
}

// Words joined with ", " into lines of about `width` characters.
void wrapInto(std::vector<std::string>& lines, const std::string& head,
              const std::vector<std::string>& words, std::size_t width) {
  std::string line = head;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string piece = words[i] + (i + 1 < words.size() ? "," : "");
    if (line.size() + 1 + piece.size() > width && line.size() > 0 && line != head) {
      lines.push_back(line);
      line = "  " + piece;
    } else {
      line += (line.empty() ? "" : " ") + piece;
    }
  }
  lines.push_back(line);
}

// A cap: the closed loops of a cut filled, at height z, mirrored in x when `mirrored`.
vtkSmartPointer<vtkPolyData> capOf(const SectionCut& cut, double z, bool mirrored) {
  auto points = vtkSmartPointer<vtkPoints>::New();
  auto segments = vtkSmartPointer<vtkCellArray>::New();
  for (const SectionLoop& loop : cut.loops) {
    if (!loop.closed) {
      continue;
    }
    const vtkIdType first = points->GetNumberOfPoints();
    const auto n = static_cast<vtkIdType>(loop.points.size());
    for (const glm::dvec2& p : loop.points) {
      points->InsertNextPoint(p.x, p.y, z);
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
  vtkContourTriangulator::TriangulateContours(outlines, 0, segments->GetNumberOfCells(), triangles,
                                              up);
  if (mirrored) {
    for (vtkIdType i = 0; i < points->GetNumberOfPoints(); ++i) {
      double p[3];
      points->GetPoint(i, p);
      points->SetPoint(i, -p[0], p[1], p[2]);
    }
  }
  auto cap = vtkSmartPointer<vtkPolyData>::New();
  cap->SetPoints(points);
  cap->SetPolys(triangles);
  return cap;
}

} // namespace

std::vector<std::string> sectionReadoutLines(const Atlas& atlas,
                                             const std::vector<SectionCut>& cuts,
                                             const std::optional<std::array<glm::dvec2, 2>>& line,
                                             std::size_t width) {
  std::vector<std::string> lines;
  if (const auto r = posteriorThickness(atlas, cuts)) {
    std::vector<std::string> words{"skin and fat " + mm(r->skinMm)};
    if (r->gastrocnemiusMm > 0) {
      words.push_back("gastrocnemius " + mm(r->gastrocnemiusMm));
    }
    if (r->soleusMm > 0) {
      words.push_back("soleus " + mm(r->soleusMm));
    }
    if (r->deepMm > 0) {
      words.push_back("deep muscles " + mm(r->deepMm));
    }
    if (!r->bone.empty()) {
      const Structure* bone = atlas.find(r->bone);
      std::string name = bone ? bone->name : r->bone;
      name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
      words.push_back(name + " " + mm(r->boneMm));
    }
    wrapInto(lines, "Posterior midline (mm):", words, width);
  }
  if (line) {
    const std::vector<ThicknessSegment> along = thicknessAlong(atlas, cuts, (*line)[0], (*line)[1]);
    std::vector<std::string> words;
    for (const ThicknessSegment& s : along) {
      std::string name = s.name == "Skin and subcutaneous tissue" ? "skin and fat" : s.name;
      name = name.substr(0, name.find(','));
      if (!name.empty()) {
        name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
      }
      words.push_back(name + " " + mm(s.thickness()));
    }
    if (words.empty()) {
      words.push_back("nothing cut");
    }
    wrapInto(lines,
             "Your line, " + mm(glm::length((*line)[1] - (*line)[0])) + " mm long (mm):", words,
             width);
  } else {
    lines.push_back("Drag across the section to measure along a line.");
  }
  return lines;
}

struct SectionView::Impl {
  const Atlas* atlas = nullptr;
  std::map<std::string, TriangleMesh> meshes;
  std::optional<double> z;
  std::vector<SectionCut> cuts;
  // Caps, as made for a height and a side.
  std::map<std::string, vtkSmartPointer<vtkActor>> caps;
  std::optional<std::pair<double, bool>> capsMade;
  vtkRenderer* capsIn = nullptr;
  // The inset, as drawn for what it shows and where.
  vtkSmartPointer<vtkRenderer> inset, readout;
  SectionSheet sheet;
  int insetSize = 0;
  double insetX = 0, insetY = 0; // lower left corner, window pixels
  std::string insetKey;
  bool moving = false;

  void removeCaps() {
    for (auto& [id, actor] : caps) {
      if (capsIn) {
        capsIn->RemoveActor(actor);
      }
    }
    caps.clear();
    capsMade.reset();
  }
};

SectionView::SectionView(const Atlas& atlas, const std::map<std::string, TriangleMesh>& meshes)
    : impl_(std::make_unique<Impl>()) {
  impl_->atlas = &atlas;
  impl_->meshes = meshes;
}

SectionView::~SectionView() = default;

void SectionView::apply(const AppState& state, bool mirrored, vtkRenderer* scene,
                        const int viewport[4]) {
  Impl& d = *impl_;
  const Atlas& atlas = *d.atlas;
  if (state.sectionZ != d.z) {
    d.z = state.sectionZ;
    d.cuts = d.z ? cutAtZ(atlas, d.meshes, *d.z) : std::vector<SectionCut>{};
  }
  if (!d.z) {
    d.removeCaps();
    d.inset = nullptr;
    d.readout = nullptr;
    d.insetKey.clear();
    return;
  }
  // Caps: made again for a new height or side; shown and faded with their structure.
  if (!d.capsMade || d.capsMade->first != *d.z || d.capsMade->second != mirrored ||
      d.capsIn != scene) {
    d.removeCaps();
    d.capsIn = scene;
    for (const SectionCut& cut : d.cuts) {
      const Structure* s = atlas.find(cut.structure);
      if (!s) {
        continue;
      }
      const double below = s->group == "skin"             ? kSkinCapBelowMm
                           : s->group == "nerves_vessels" ? 0.0
                                                          : kCapBelowMm;
      auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
      mapper->SetInputData(capOf(cut, *d.z - below, mirrored));
      mapper->ScalarVisibilityOff();
      auto actor = vtkSmartPointer<vtkActor>::New();
      actor->SetMapper(mapper);
      actor->GetProperty()->SetColor(s->color.r, s->color.g, s->color.b);
      // Flat, in the structure's own colour, as the inset shows it.
      actor->GetProperty()->LightingOff();
      actor->PickableOff();
      scene->AddActor(actor);
      d.caps[cut.structure] = actor;
    }
    d.capsMade = std::make_pair(*d.z, mirrored);
  }
  for (auto& [id, actor] : d.caps) {
    actor->SetVisibility(isShown(state, atlas, id));
    actor->GetProperty()->SetOpacity(opacityOf(state, atlas, id));
  }

  // The inset at the top right of the 3D view, its readout under it.
  const double shorter = std::min(viewport[2], viewport[3]);
  const int size =
      static_cast<int>(std::lround(std::clamp(kInsetShare * shorter, kMinInset, kMaxInset)));
  const double font = std::clamp(13.0 * state.uiScale, 9.0, 40.0);
  const std::size_t width =
      static_cast<std::size_t>(std::max(24.0, size / (0.52 * font))); // characters per line
  const std::vector<std::string> lines =
      sectionReadoutLines(atlas, d.cuts, state.sectionLine, width);
  const double lineHeight = 1.35 * font;
  const int readoutHeight =
      static_cast<int>(std::lround(static_cast<double>(lines.size()) * lineHeight + 0.6 * font));
  d.insetSize = size;
  d.insetX = viewport[0] + viewport[2] - size - kInsetMargin;
  d.insetY = viewport[1] + viewport[3] - size - kInsetMargin;
  std::string hidden;
  for (const std::string& id : state.hidden) {
    hidden += id + ",";
  }
  char key[256];
  std::snprintf(key, sizeof key, "%.6f|%d|%d|%.3f|", *d.z, mirrored ? 1 : 0, size,
                static_cast<double>(state.uiScale));
  std::string fullKey = std::string(key) + hidden + "|";
  if (state.sectionLine) {
    char lineKey[128];
    std::snprintf(lineKey, sizeof lineKey, "%.4f,%.4f,%.4f,%.4f", (*state.sectionLine)[0].x,
                  (*state.sectionLine)[0].y, (*state.sectionLine)[1].x, (*state.sectionLine)[1].y);
    fullKey += lineKey;
  }
  if (fullKey != d.insetKey) {
    d.insetKey = fullKey;
    SectionSheet sheet;
    orientSheet(sheet, state.side);
    sheet.labelRegions = true;
    SectionPanel panel = sectionPanel(atlas, d.cuts, state, *d.z);
    if (const auto r = posteriorThickness(atlas, d.cuts)) {
      panel.lines.push_back(
          {panelOfAtlas(r->from, mirrored), panelOfAtlas(r->to, mirrored), kPosteriorLineColor});
    }
    if (state.sectionLine) {
      panel.lines.push_back({panelOfAtlas((*state.sectionLine)[0], mirrored),
                             panelOfAtlas((*state.sectionLine)[1], mirrored), kDrawnLineColor});
    }
    sheet.panels.push_back(std::move(panel));
    d.sheet = sheet;
    d.inset = sectionRenderer(sheet, size, size);
    d.readout = vtkSmartPointer<vtkRenderer>::New();
    d.readout->SetBackground(1.0, 1.0, 1.0);
    double y = readoutHeight - 0.3 * font - lineHeight;
    for (const std::string& line : lines) {
      d.readout->AddActor2D(text2D(line, 0.5 * font, y + 0.2 * font, font,
                                   line.rfind("Posterior", 0) == 0 || line.rfind("Your", 0) == 0));
      y -= lineHeight;
    }
  }
  // Viewports as shares of the window.
  if (vtkRenderWindow* window = scene->GetRenderWindow()) {
    const int* whole = window->GetSize();
    if (whole[0] > 0 && whole[1] > 0) {
      const double W = whole[0], H = whole[1];
      d.inset->SetViewport(d.insetX / W, d.insetY / H, (d.insetX + size) / W,
                           (d.insetY + size) / H);
      const double top = d.insetY - 2.0;
      d.readout->SetViewport(d.insetX / W, std::max(0.0, top - readoutHeight) / H,
                             (d.insetX + size) / W, std::max(top, 1.0) / H);
    }
  }
  d.inset->SetDraw(!d.moving);
  d.readout->SetDraw(!d.moving);
}

const std::vector<SectionCut>& SectionView::cuts() const {
  return impl_->cuts;
}

std::vector<vtkRenderer*> SectionView::renderers() const {
  if (!impl_->inset) {
    return {};
  }
  return {impl_->inset.Get(), impl_->readout.Get()};
}

std::optional<glm::dvec2> SectionView::atlasPointAt(double x, double y) const {
  const Impl& d = *impl_;
  if (!d.inset || x < d.insetX || y < d.insetY || x > d.insetX + d.insetSize ||
      y > d.insetY + d.insetSize) {
    return std::nullopt;
  }
  const SectionPanelMap map = sectionPanelMap(d.sheet, d.insetSize, d.insetSize, 0);
  const glm::dvec2 panelMm = map.toMm({x - d.insetX, y - d.insetY});
  const bool mirrored = d.capsMade && d.capsMade->second;
  return atlasOfPanel(panelMm, mirrored);
}

int SectionView::insetWidth() const {
  return impl_->inset ? impl_->insetSize : 0;
}

void SectionView::setMoving(bool moving) {
  impl_->moving = moving;
  if (impl_->inset) {
    impl_->inset->SetDraw(!moving);
    impl_->readout->SetDraw(!moving);
  }
}

vtkActor* SectionView::cap(const std::string& id) const {
  auto found = impl_->caps.find(id);
  return found == impl_->caps.end() ? nullptr : found->second.Get();
}

SafetyLegend::SafetyLegend() = default;
SafetyLegend::~SafetyLegend() = default;

void SafetyLegend::apply(const AppState& state, bool ready, vtkRenderer* scene) {
  shown_ = state.safetyMap;
  if (renderer_ != scene || builtScale_ != state.uiScale || builtReady_ != ready) {
    for (auto& actor : actors_) {
      if (renderer_) {
        renderer_->RemoveActor2D(actor);
      }
    }
    actors_.clear();
    renderer_ = scene;
    builtScale_ = state.uiScale;
    builtReady_ = ready;
    const double font = std::clamp(13.0 * state.uiScale, 9.0, 40.0);
    const double line = 1.4 * font;
    const double x = 10.0, pad = 0.6 * font;
    const struct {
      SafetyClass c;
      glm::dvec3 color;
    } classes[] = {{SafetyClass::Shallow, {0.80, 0.30, 0.02}},
                   {SafetyClass::Middle, {0.98, 0.88, 0.45}},
                   {SafetyClass::Deep, {0.05, 0.40, 0.70}}};
    // Bottom up: the disclaimer, the classes, the title.
    std::vector<vtkSmartPointer<vtkTextActor>> texts;
    std::vector<vtkSmartPointer<vtkActor2D>> swatches;
    double y = 10.0 + pad;
    texts.push_back(text2D("not the person being treated.", x + pad, y, 0.9 * font));
    y += 1.15 * font;
    texts.push_back(text2D("An educational model of an average leg,", x + pad, y, 0.9 * font));
    y += line;
    if (!ready) {
      texts.push_back(text2D("Working the map out...", x + pad, y, font, true));
      y += line;
    }
    const double s = 0.9 * font;
    for (int i = 2; i >= 0; --i) {
      swatches.push_back(rectangle2D(x + pad, y, x + pad + 1.6 * s, y + s, classes[i].color));
      texts.push_back(text2D(safetyClassLabel(classes[i].c), x + pad + 2.1 * s, y, font));
      y += line;
    }
    texts.push_back(text2D("comes within 5 mm:", x + pad, y, font));
    y += 1.2 * font;
    texts.push_back(text2D("before a nerve, vessel or bone", x + pad, y, font));
    y += 1.2 * font;
    texts.push_back(text2D("Safety map: needle depth straight in", x + pad, y, font, true));
    y += line;
    // As wide as the widest line, measured in the font.
    double widest = 0.0;
    for (auto& t : texts) {
      double box[4] = {0, 0, 0, 0};
      t->GetBoundingBox(scene, box);
      widest = std::max(widest, box[1] - box[0]);
    }
    actors_.push_back(rectangle2D(x, 10.0, x + 2.0 * pad + std::max(widest, 12.0 * font),
                                  y - 0.2 * font, {1.0, 1.0, 1.0}));
    for (auto& a : swatches) {
      actors_.push_back(a);
    }
    for (auto& t : texts) {
      actors_.push_back(t);
    }
    for (auto& actor : actors_) {
      scene->AddActor2D(actor);
    }
  }
  for (auto& actor : actors_) {
    actor->SetVisibility(shown_ && !moving_);
  }
}

void SafetyLegend::setMoving(bool moving) {
  moving_ = moving;
  for (auto& actor : actors_) {
    actor->SetVisibility(shown_ && !moving_);
  }
}

} // namespace sura
