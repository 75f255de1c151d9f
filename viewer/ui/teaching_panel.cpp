#include "ui/teaching_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace sura::ui {

namespace {

// The dialog's width in multiples of the font size: a full path fits.
constexpr float kDialogEms = 36.0f;
const ImVec4 kErrorColour{1.0f, 0.45f, 0.4f, 1.0f};

void copyInto(std::array<char, 1024>& buffer, const std::string& text) {
  const std::size_t n = std::min(text.size(), buffer.size() - 1);
  std::memcpy(buffer.data(), text.data(), n);
  buffer[n] = '\0';
}

// A label over a row of buttons that flow onto the next line when the panel is narrow.
bool button(const char* label, bool& first) {
  const float width =
      ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
  if (!first) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) {
      ImGui::NewLine();
    }
  }
  first = false;
  return ImGui::Button(label);
}

void heading(const char* text) {
  ImGui::Spacing();
  BoldText bold;
  ImGui::TextUnformatted(text);
}

} // namespace

void TeachingPanel::openDialog(Dialog dialog, const std::string& path, const std::string& folder) {
  dialog_ = dialog;
  copyInto(path_, path);
  dialogFolder_ = folder;
  error_.clear();
  focusField_ = true;
  fieldTouched_ = false;
}

void TeachingPanel::failDialog(const std::string& error) {
  error_ = error;
  focusField_ = true; // typing goes on in the field: the name can be put right at once
  fieldTouched_ = true;
}

void TeachingPanel::closeDialog() {
  dialog_ = Dialog::None;
  error_.clear();
}

void TeachingPanel::setScreenshotFolder(const std::string& folder) {
  copyInto(folder_, folder);
}

std::vector<TeachingRequest> TeachingPanel::takeRequests() {
  std::vector<TeachingRequest> taken;
  taken.swap(requests_);
  return taken;
}

void TeachingPanel::drawLessonAndNote() const {
  if (!status_.lesson.empty()) {
    BoldText bold;
    ImGui::TextWrapped("%s", status_.lesson.c_str());
  }
  if (!status_.note.empty()) {
    if (status_.noteIsError) {
      ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
    }
    ImGui::TextWrapped("%s", status_.note.c_str());
    if (status_.noteIsError) {
      ImGui::PopStyleColor();
    }
  }
}

void TeachingPanel::drawStatus(ItemMap& items, bool teachingTabOpen) {
  if (!teachingTabOpen) {
    drawLessonAndNote();
  }
  if (status_.restoreOffered) {
    ImGui::TextWrapped("Restore the scene from the last session?");
    bool first = true;
    if (button("Restore", first)) {
      requests_.push_back({TeachingAction::Restore, {}});
    }
    remember(items, "teaching:restore");
    if (button("Discard", first)) {
      requests_.push_back({TeachingAction::Discard, {}});
    }
    remember(items, "teaching:discard");
  }
  const bool shown = !teachingTabOpen && (!status_.lesson.empty() || !status_.note.empty());
  if (shown || status_.restoreOffered) {
    ImGui::Spacing();
  }
}

void TeachingPanel::drawTab(ItemMap& items) {
  heading("Scenes");
  bool first = true;
  if (button("Save scene (Ctrl+S)", first)) {
    requests_.push_back({TeachingAction::AskSave, {}});
  }
  remember(items, "teaching:save");
  if (button("Open scene (Ctrl+O)", first)) {
    requests_.push_back({TeachingAction::AskOpen, {}});
  }
  remember(items, "teaching:open");

  heading("Lesson");
  first = true;
  ImGui::BeginDisabled(!status_.canGoBack);
  if (button("Previous (PgUp)", first)) {
    requests_.push_back({TeachingAction::PreviousScene, {}});
  }
  remember(items, "teaching:previous");
  ImGui::EndDisabled();
  ImGui::BeginDisabled(!status_.canGoOn);
  if (button("Next (PgDn)", first)) {
    requests_.push_back({TeachingAction::NextScene, {}});
  }
  remember(items, "teaching:next");
  ImGui::EndDisabled();
  if (button("Add current scene to lesson", first)) {
    requests_.push_back({TeachingAction::AskAddToLesson, {}});
  }
  remember(items, "teaching:add_to_lesson");

  heading("Screenshot");
  first = true;
  if (button("Screenshot (F12)", first)) {
    requests_.push_back({TeachingAction::Screenshot, {}});
  }
  remember(items, "teaching:screenshot");
  ImGui::SameLine();
  ImGui::Checkbox("With the panel", &withPanel_);
  remember(items, "teaching:with_panel");
  ImGui::SetNextItemWidth(-ImGui::CalcTextSize("Folder").x - ImGui::GetStyle().ItemInnerSpacing.x);
  ImGui::InputText("Folder", folder_.data(), folder_.size());
  remember(items, "teaching:folder");
  first = true;
  if (button("Export 3D model (glTF)", first)) {
    requests_.push_back({TeachingAction::ExportGltf, {}});
  }
  remember(items, "teaching:export_gltf");
  softText("Into the folder above: the layers shown, with the trigger points, zones and pins, "
           "for a browser or a phone.");

  heading("Window");
  first = true;
  if (button(status_.fullScreen ? "Leave full screen (F11)" : "Full screen (F11)", first)) {
    requests_.push_back({TeachingAction::FullScreen, {}});
  }
  remember(items, "teaching:full_screen");

  // What changes as the buttons are used comes last, so that no button above moves under the
  // pointer between two clicks (a second "Add" landing on another control).
  ImGui::Separator();
  if (status_.lesson.empty()) {
    softText("No lesson open. Add the scene shown to start one; sura --lesson FILE opens one.");
  } else {
    softText(status_.lessonFile);
  }
  drawLessonAndNote();
}

void TeachingPanel::drawDialog(ItemMap& items) {
  constexpr const char* kId = "###teaching_dialog";
  if (dialog_ != Dialog::None && !popupOpen_) {
    ImGui::OpenPopup(kId);
    popupOpen_ = true;
  }
  if (!popupOpen_) {
    return;
  }
  const char* title = dialog_ == Dialog::OpenScene ? "Open a scene###teaching_dialog"
                      : dialog_ == Dialog::AddToLesson
                          ? "Add the scene to a lesson###teaching_dialog"
                          : "Save the scene###teaching_dialog";
  const ImGuiIO& io = ImGui::GetIO();
  const float width = std::min(kDialogEms * ImGui::GetFontSize(), 0.9f * io.DisplaySize.x);
  ImGui::SetNextWindowPos(ImVec2(0.5f * io.DisplaySize.x, 0.4f * io.DisplaySize.y),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(width, 0.0f), ImGuiCond_Always);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings;
  if (!ImGui::BeginPopupModal(title, nullptr, flags)) {
    popupOpen_ = false; // opened again next frame while a dialog is asked for
    return;
  }
  if (dialog_ == Dialog::None) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    popupOpen_ = false;
    return;
  }
  softText(dialog_ == Dialog::OpenScene
               ? "The scene file to open, in " + dialogFolder_ + " or a full path:"
           : dialog_ == Dialog::AddToLesson
               ? "The lesson file (made when it does not exist), in " + dialogFolder_ +
                     " or a full path; the scene is saved beside it:"
               : "Save as, in " + dialogFolder_ + " or a full path:");
  if (focusField_) {
    ImGui::SetKeyboardFocusHere();
    focusField_ = false;
  }
  ImGui::SetNextItemWidth(-1.0f);
  const bool entered =
      ImGui::InputText("##path", path_.data(), path_.size(),
                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  remember(items, "dialog:path");
  const bool fieldActive = ImGui::IsItemActive();
  const bool fieldJustActive = ImGui::IsItemActivated();
  if (fieldActive) {
    fieldTouched_ = true;
  } else if (io.InputQueueCharacters.Size > 0 && !entered) {
    // Typed before the field took the keyboard (it does so a frame after the dialog opens):
    // kept, as the field would have, the first character replacing the whole path.
    std::string text = fieldTouched_ ? std::string(path_.data()) : std::string();
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
      const ImWchar c = io.InputQueueCharacters[i];
      if (c >= 0x20 && c < 0x80) {
        text.push_back(static_cast<char>(c));
      } else if (c >= 0x80 && c < 0x800) {
        text.push_back(static_cast<char>(0xC0 | (c >> 6)));
        text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      } else if (c >= 0x800) {
        text.push_back(static_cast<char>(0xE0 | (c >> 12)));
        text.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        text.push_back(static_cast<char>(0x80 | (c & 0x3F)));
      }
    }
    copyInto(path_, text);
    fieldTouched_ = true;
  }
  if (!error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
    ImGui::TextWrapped("%s", error_.c_str());
    ImGui::PopStyleColor();
  }
  const char* ok = dialog_ == Dialog::OpenScene     ? "Open (Enter)"
                   : dialog_ == Dialog::AddToLesson ? "Add (Enter)"
                                                    : "Save (Enter)";
  const bool clicked = ImGui::Button(ok);
  remember(items, "dialog:ok");
  ImGui::SameLine();
  const bool cancelled = ImGui::Button("Cancel (Esc)");
  remember(items, "dialog:cancel");
  const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  // Enter also when the field has not taken the keyboard yet.
  // Enter also when the field has not taken the keyboard yet, or takes it in this very frame
  // (it then reads no key): a quick Enter after the dialog opened is not lost.
  const bool enter = (!fieldActive || fieldJustActive) && !entered &&
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
  if (cancelled || escape) {
    requests_.push_back({TeachingAction::Cancel, {}});
  } else if (entered || clicked || enter) {
    requests_.push_back({TeachingAction::Confirm, path_.data()});
  }
  ImGui::EndPopup();
}

} // namespace sura::ui
