// What the info cards say, as plain data: the lines of a structure's card, of a picked
// point and of a trigger point, and the trigger points grouped by muscle. No ImGui here, so
// the words a teacher reads on the projector are tested directly; widgets.h (drawCardSections)
// draws them.
#pragma once

#include "atlas/atlas.h"
#include "clinical/clinical.h"
#include "state/app_state.h"

#include <string>
#include <vector>

namespace sura::ui {

/// One line of a card.
struct CardLine {
  std::string text;
  bool caution = false;     ///< drawn in a warning colour; the text says "Caution" itself
  std::string triggerPoint; ///< non-empty: clicking the line puts this trigger point in focus
};

/// A heading and its lines ("Origin": one line; "Sources": one line per citation).
struct CardSection {
  std::string heading;
  std::vector<CardLine> lines;
};

struct Card {
  std::string title;    ///< the structure's or trigger point's name
  std::string subtitle; ///< Latin name, or the muscle of a trigger point; may be empty
  std::vector<CardSection> sections;
};

/// "S9. Gray's Anatomy ..." for each key, in the order given; a key the atlas does not know
/// is shown as "S9 (not in the atlas's source list)" rather than dropped.
std::vector<CardLine> citations(const Atlas& atlas, const std::vector<std::string>& keys);

/// The structure's name, Latin name and info card (origin, insertion, action, innervation,
/// blood supply, notes, sources); empty fields are left out.
Card structureCard(const Structure& structure, const Atlas& atlas);

/// What a click found: the description sentence, depth below the skin, the needle from there
/// (picking's readout, as `sura needle` prints it: its warnings as caution lines, or that there
/// is none within the margin, the nearest nerve or vessel and bone with their own depths, the
/// tip, and that it describes a model), the nearest trigger point (a link), then the layers
/// the needle crosses with their depths. Safety first, the longest list last.
std::vector<CardSection> pickSections(const PickedPoint& pick, const Atlas& atlas);

/// The readout of the needle shown (`sura needle`'s, for the panel's needle tab), safety
/// first: "Warnings" (each a caution line in words, or that there is none within the
/// margin), "Needle" (length, gauge, in and out, how aimed), "Tip" (the structure and its
/// depth; the target's depth and whether it is reached), "Layers crossed" (each with its entry
/// and exit depth), "Nearest nerves and vessels" (the closest approach of each within
/// kNeedleNearbyShown, at least the nearest, and the nearest bone), and the disclaimer.
std::vector<CardSection> needleSections(const NeedleReadout& needle);
/// Nerves and vessels farther from the needle than this are left out of its card (the nearest
/// one is always listed), mm.
inline constexpr double kNeedleNearbyShownMm = 20.0;

/// The card for the selection: the pick's sections first when the selection came from a click
/// on the model, then the structure's card. Empty title when nothing (known) is selected.
Card selectionCard(const AppState& state, const Atlas& atlas);

/// Where a trigger point lies, in words and numbers, one line each: level ("Upper third of the
/// leg, 94 mm below the knee joint line (t = 0.24)"), position across the leg ("Toward the
/// medial side (m = -0.55)"), the surface it is reached from, and its depth below the skin.
/// `legLength` turns t into mm. m is -1 medial .. +1 lateral on either leg.
std::vector<CardLine> locationLines(double t, double m, const std::string& surface,
                                    double depthBelowSkinMm, double legLength);

/// Where a zone's pain is felt, as a patient says it: the first of its keywords (in the zone's
/// order) that a patient uses ("heel", "sole", "calf", "back of knee", "low back", ...) and
/// that is not in `taken` (named already for another zone), else its first keyword; with
/// "your": "your heel", "the back of your knee".
std::string patientPlace(const ReferredZone& zone, const std::vector<std::string>& taken = {});

/// One sentence for the patient in front of the screen: "A tender spot in a muscle of your
/// right calf, about 2 cm under the skin, can send pain to your heel and your Achilles
/// tendon." and, with spillover zones, "Sometimes also to ...".
std::string patientSentence(const ResolvedTriggerPoint& point, Side side);

/// A trigger point's card: "In plain words" (patientSentence, for the leg shown), label,
/// plain description, where (as resolved on the model),
/// referred pain (essential zones first; "Essential, not on the model: ..." for a zone the model
/// does not show), palpation, needling,
/// structures at risk (atlas names) and sources.
Card triggerPointCard(const ResolvedTriggerPoint& point, const Atlas& atlas, Side side);

/// The trigger points of one muscle, for the panel's list.
struct MuscleTriggerPoints {
  std::string muscle; ///< structure id: the muscle, above its heads ("gastrocnemius")
  std::string name;   ///< its name in the atlas
  std::vector<const TriggerPoint*> points; ///< manifest order
};

/// The atlas's trigger points grouped by muscle: a point in a head of a muscle counts under
/// the muscle (the head's ancestors in the same atlas group). Muscles in the order their first
/// point appears in the manifest.
std::vector<MuscleTriggerPoints> triggerPointsByMuscle(const Atlas& atlas);

/// A point's label without its muscle's name, for a list already under that muscle:
/// "Gastrocnemius, medial head: instep pattern" under "Gastrocnemius" reads "Medial head:
/// instep pattern"; "Soleus: heel pattern" under "Soleus" reads "Heel pattern". A label that
/// does not start with the name is kept whole.
std::string shortLabel(const std::string& label, const std::string& muscleName);

} // namespace sura::ui
