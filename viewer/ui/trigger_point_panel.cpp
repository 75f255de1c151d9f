#include "ui/trigger_point_panel.h"

#include "clinical/search.h"

#include <imgui.h>

#include <algorithm>

namespace sura::ui {

namespace {

std::vector<std::string> idsOf(const std::vector<const TriggerPoint*>& points) {
  std::vector<std::string> ids;
  for (const TriggerPoint* point : points) {
    ids.push_back(point->id);
  }
  return ids;
}

bool allShown(const AppState& state, const std::vector<const TriggerPoint*>& points) {
  return std::all_of(points.begin(), points.end(), [&](const TriggerPoint* point) {
    return state.triggerPointsShown.count(point->id) != 0;
  });
}

} // namespace

void TriggerPointPanel::setQuery(const std::string& query) {
  query_.fill('\0');
  query.copy(query_.data(), query_.size() - 1);
}

void TriggerPointPanel::drawList(const AppState& state, const Atlas& atlas,
                                 const Clinical& clinical, std::vector<Command>& out,
                                 ItemMap& items) {
  if (atlas.triggerPoints.empty()) {
    softText("This atlas has no trigger points.");
    drawSkipped(atlas, clinical, items);
    return;
  }
  if (clinical.onGeneratedEnvelope) {
    softText("This atlas has no skin: the points and zones are placed on an envelope Sura "
             "generated round its structures (drawn pale blue), so their places are "
             "approximate.");
  }
  if (ImGui::Button("Show all (T)")) {
    out.push_back(command::ShowTriggerPoints{{}, true});
  }
  remember(items, "trp:show_all");
  ImGui::SameLine();
  ImGui::BeginDisabled(state.triggerPointsShown.empty());
  if (ImGui::Button("Hide all")) {
    out.push_back(command::ShowTriggerPoints{{}, false});
  }
  remember(items, "trp:hide_all");
  ImGui::EndDisabled();

  drawSearch(state, atlas, clinical, out, items);

  ImGui::Spacing();
  for (const MuscleTriggerPoints& group : triggerPointsByMuscle(atlas)) {
    if (std::all_of(group.points.begin(), group.points.end(), [&](const TriggerPoint* point) {
          return clinical.skippedPoints.count(point->id) != 0;
        })) {
      continue;
    }
    ImGui::PushID(group.muscle.c_str());
    bool shown = allShown(state, group.points);
    if (ImGui::Checkbox("##group", &shown)) {
      out.push_back(command::ShowTriggerPoints{idsOf(group.points), shown});
    }
    remember(items, "trp_group:" + group.muscle);
    ImGui::SameLine();
    const bool open = ImGui::TreeNodeEx(group.name.c_str(), ImGuiTreeNodeFlags_DefaultOpen |
                                                                ImGuiTreeNodeFlags_SpanAvailWidth);
    if (open) {
      for (const TriggerPoint* point : group.points) {
        if (clinical.skippedPoints.count(point->id) != 0) {
          continue; // listed below, with why
        }
        ImGui::PushID(point->id.c_str());
        bool pointShown = state.triggerPointsShown.count(point->id) != 0;
        if (ImGui::Checkbox("##shown", &pointShown)) {
          out.push_back(command::ShowTriggerPoints{{point->id}, pointShown});
        }
        remember(items, "trp_shown:" + point->id);
        ImGui::SameLine();
        // Clicking the point in focus again frames it again: the camera may have moved.
        if (wrappedSelectable("##select", shortLabel(point->label, group.name),
                              state.selectedTriggerPoint == point->id, true)) {
          out.push_back(command::SelectTriggerPoint{point->id});
        }
        remember(items, "trp:" + point->id);
        ImGui::PopID();
      }
      ImGui::TreePop();
    }
    ImGui::PopID();
  }
  drawSkipped(atlas, clinical, items);
}

void TriggerPointPanel::drawSkipped(const Atlas& atlas, const Clinical& clinical, ItemMap& items) {
  const std::size_t count = atlas.skipped.size() + clinical.skipped.size();
  if (count == 0) {
    return;
  }
  ImGui::Spacing();
  const std::string title = "Not shown on this atlas (" + std::to_string(count) + ")###trp_skipped";
  const bool open = ImGui::TreeNodeEx(title.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth);
  remember(items, "trp:skipped");
  if (open) {
    for (const AtlasWarning& w : skippedInOrder(atlas, clinical)) {
      softText(w.message);
    }
    ImGui::TreePop();
  }
}

void TriggerPointPanel::drawSearch(const AppState& state, const Atlas& atlas,
                                   const Clinical& clinical, std::vector<Command>& out,
                                   ItemMap& items) {
  ImGui::Spacing();
  ImGui::TextUnformatted("Where does it hurt?");
  ImGui::SetNextItemWidth(-1.0f);
  // Enter takes the best match, as a search box does; typing still filters the list live.
  const bool entered =
      ImGui::InputTextWithHint("##pain", "heel, shin, outer ankle, sole ...", query_.data(),
                               query_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
  remember(items, "trp:search");
  const std::string query = query_.data();
  if (query.find_first_not_of(' ') == std::string::npos) {
    return;
  }
  const std::vector<SearchHit> hits = searchByPain(clinical, query);
  if (hits.empty()) {
    softText("No trigger point refers pain to \"" + query + "\".");
    return;
  }
  if (entered) {
    out.push_back(command::SelectTriggerPoint{hits.front().triggerPoint});
  }
  ImGui::PushID("hits");
  for (const SearchHit& hit : hits) {
    const TriggerPoint* point = atlas.findTriggerPoint(hit.triggerPoint);
    if (!point) {
      continue;
    }
    const std::string text = point->label + " (" +
                             (hit.kind == ZoneKind::Essential ? "essential" : "spillover") +
                             " zone: " + hit.keyword + ")";
    ImGui::PushID(point->id.c_str());
    if (wrappedSelectable("##hit", text, state.selectedTriggerPoint == point->id)) {
      out.push_back(command::SelectTriggerPoint{point->id});
    }
    remember(items, "search:" + point->id);
    ImGui::PopID();
  }
  ImGui::PopID();
  ImGui::Separator();
}

void TriggerPointPanel::drawCard(const AppState& state, const Atlas& atlas,
                                 const Clinical& clinical, std::vector<Command>& out,
                                 ItemMap& items) {
  const ResolvedTriggerPoint* point = clinical.find(state.selectedTriggerPoint);
  if (!point) {
    return;
  }
  const std::string& id = point->point.id;
  bool referred = state.referredShown == id;
  if (ImGui::Checkbox("Show referred pain on the skin", &referred)) {
    out.push_back(command::ShowReferred{referred ? id : std::string()});
  }
  remember(items, "trp_card:referred");
  // The needle to this point, in from the side it is examined from, the tip at its centre.
  if (ImGui::Button("Needle this point")) {
    if (state.needleSettings.byAngles) {
      NeedleSettings settings = state.needleSettings;
      settings.byAngles = false;
      out.push_back(command::SetNeedleSettings{settings});
    }
    NeedleRequest request;
    request.triggerPoint = id;
    out.push_back(command::PlaceNeedle{request});
    out.push_back(command::FrameNeedle{}); // end-on, from the examination side, it is a dot
  }
  remember(items, "trp_card:needle");
  const std::string clicked =
      drawCardSections(triggerPointCard(*point, atlas, state.side), "trp_card:", items);
  if (!clicked.empty()) {
    out.push_back(command::SelectTriggerPoint{clicked});
  }
}

} // namespace sura::ui
