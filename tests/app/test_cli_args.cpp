#include "app/cli_args.h"
#include "app/render_frame.h"

#include <CLI/CLI.hpp>

#include <doctest/doctest.h>

#include <functional>

using namespace sura;

TEST_CASE("image sizes are WIDTHxHEIGHT with positive sides") {
  const ImageSize size = parseImageSize("1280x800");
  CHECK(size.width == 1280);
  CHECK(size.height == 800);
  CHECK(parseImageSize("1x1").width == 1);
  for (const char* bad : {"", "1280", "x800", "1280x", "0x800", "1280x0", "-5x10", "+5x10",
                          "12a0x800", "1280x800x3", "1280X800", "99999x10", " 1280x800"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(parseImageSize(bad), doctest::Contains("--size"), UsageError);
  }
}

TEST_CASE("opacity assignments are ID=VALUE with a value from 0 to 1") {
  const auto [id, opacity] = parseOpacityAssignment("skin=0.25");
  CHECK(id == "skin");
  CHECK(opacity == doctest::Approx(0.25f));
  CHECK(parseOpacityAssignment("soleus=1").second == doctest::Approx(1.0f));
  CHECK(parseOpacityAssignment("soleus=0").second == doctest::Approx(0.0f));
  for (const char* bad : {"skin", "=0.5", "skin=", "skin=abc", "skin=1.5", "skin=-0.1", "skin=0.5x",
                          "skin=nan", "skin=inf"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(parseOpacityAssignment(bad), doctest::Contains("--opacity"), UsageError);
  }
}

TEST_CASE("section levels are numbers from -0.5 to 1.3; heights any number") {
  CHECK(parseSectionLevel("0.3") == doctest::Approx(0.3));
  CHECK(parseSectionLevel("-0.5") == -0.5);
  CHECK(parseSectionLevel("1.3") == doctest::Approx(1.3));
  CHECK(parseSectionLevel("0") == 0);
  for (const char* bad : {"", "abc", "2", "-0.51", "1.31", "+0.3", "0.3x", "nan", "inf", " 0.3"}) {
    CAPTURE(bad);
    const std::string named = "--t: '" + std::string(bad) + "'";
    CHECK_THROWS_WITH_AS(parseSectionLevel(bad), doctest::Contains(named.c_str()), UsageError);
  }
  CHECK(parseSectionHeight("-117.5") == -117.5);
  for (const char* bad : {"", "abc", "-117mm", "nan"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(parseSectionHeight(bad), doctest::Contains("--z: '"), UsageError);
  }
}

TEST_CASE("render options become the commands a person would give") {
  Atlas atlas;
  Structure soleus;
  soleus.id = "soleus";
  atlas.structures = {soleus};
  RenderOptions options;
  options.view = ViewPreset::Oblique;
  options.leg = Side::Left;
  options.hide = {"soleus"};
  options.opacity = {{"soleus", 0.5f}};
  const AppState state = stateFor(options, atlas);
  CHECK(state.view == ViewPreset::Oblique);
  CHECK(state.side == Side::Left);
  CHECK_FALSE(isShown(state, atlas, "soleus"));
  CHECK(opacityOf(state, atlas, "soleus") == doctest::Approx(0.5f));

  options.hide = {"soleus", "tibia"};
  CHECK_THROWS_WITH_AS(stateFor(options, atlas),
                       doctest::Contains("--hide: unknown structure id 'tibia'"), UsageError);
  options.hide = {};
  options.opacity = {{"fibula", 0.5f}};
  CHECK_THROWS_WITH_AS(stateFor(options, atlas),
                       doctest::Contains("--opacity: unknown structure id 'fibula'"), UsageError);
}

TEST_CASE("--left and --right show that leg, neither the atlas's own, both is bad usage") {
  CHECK(parseLegFlags(false, false) == std::nullopt);
  CHECK(parseLegFlags(true, false) == Side::Left);
  CHECK(parseLegFlags(false, true) == Side::Right);
  CHECK_THROWS_WITH_AS(parseLegFlags(true, true),
                       doctest::Contains("--left, --right: give one leg"), UsageError);

  // The state a command starts from shows the leg asked for, else the atlas's own, on an
  // atlas of either leg.
  for (const char* held : {"right", "left"}) {
    CAPTURE(held);
    Atlas atlas;
    atlas.frame.side = held;
    const Side own = std::string(held) == "left" ? Side::Left : Side::Right;
    const Side other = own == Side::Left ? Side::Right : Side::Left;
    RenderOptions options;
    CHECK(stateFor(options, atlas).side == own);
    CHECK_FALSE(mirrorsAtlas(stateFor(options, atlas).side, atlas));
    options.leg = own;
    CHECK(stateFor(options, atlas).side == own);
    options.leg = other;
    CHECK(stateFor(options, atlas).side == other);
    CHECK(mirrorsAtlas(stateFor(options, atlas).side, atlas));
  }
}

TEST_CASE("a click pixel is X,Y inside the image") {
  const ImageSize size{800, 500};
  const Pixel pixel = parseClickPixel("595,200", size);
  CHECK(pixel.x == 595);
  CHECK(pixel.y == 200);
  CHECK(parseClickPixel("799,499", size).x == 799);
  for (const char* bad : {"", "595", "595,", ",200", "595;200", "595,200,1", "a,b", "5.5,200",
                          "595, 200x", "99999999999,1"}) {
    CAPTURE(bad);
    CHECK_THROWS_WITH_AS(parseClickPixel(bad, size), doctest::Contains("is not X,Y"), UsageError);
  }
  for (const char* outside : {"800,10", "10,500", "-1,10"}) {
    CAPTURE(outside);
    CHECK_THROWS_WITH_AS(parseClickPixel(outside, size), doctest::Contains("outside the 800x500"),
                         UsageError);
  }
}

TEST_CASE("an explicit --referred wins over the zones --focus paints") {
  Atlas atlas;
  for (const char* id : {"soleus_trp1", "gastrocnemius_trp1"}) {
    TriggerPoint point;
    point.id = id;
    atlas.triggerPoints.push_back(point);
  }
  RenderOptions options;
  options.focus = "soleus_trp1";
  CHECK(stateFor(options, atlas).referredShown == "soleus_trp1");
  options.referred = "gastrocnemius_trp1";
  const AppState state = stateFor(options, atlas);
  CHECK(state.selectedTriggerPoint == "soleus_trp1");
  CHECK(state.referredShown == "gastrocnemius_trp1");
}

TEST_CASE("one rule for every value: never empty, numbers in plain decimal") {
  auto parsed = [](std::vector<std::string> args) {
    CLI::App app{"test"};
    std::string atlas;
    app.add_option("--atlas", atlas);
    CLI::App* pick = app.add_subcommand("pick");
    int x = 0;
    int y = 0;
    std::string select;
    std::vector<std::string> hide;
    bool left = false;
    pick->add_option("X", x)->required();
    pick->add_option("Y", y)->required();
    pick->add_option("--select", select);
    pick->add_option("--hide", hide)->delimiter(',')->allow_extra_args(false);
    pick->add_flag("--left", left);
    // A flag a later command might add: it follows the rule without being named anywhere.
    std::string later;
    pick->add_option("--later", later);
    std::vector<const char*> argv{"sura"};
    for (const std::string& a : args) {
      argv.push_back(a.c_str());
    }
    app.parse(static_cast<int>(argv.size()), argv.data());
    checkCommandLineValues(app);
  };
  CHECK_NOTHROW(parsed({"pick", "10", "-3", "--select", "soleus", "--left"}));
  CHECK_NOTHROW(parsed({"--atlas", "dir", "pick", "0", "0", "--hide", "skin,soleus"}));
  const std::pair<std::vector<std::string>, std::string> bad[] = {
      {{"pick", "", ""}, "X: the value is empty"},
      {{"pick", "0x10", "0"}, "X: '0x10' is not a whole number"},
      {{"pick", "1", "+5"}, "Y: '+5' is not a whole number"},
      {{"pick", "1", "2", "--select", ""}, "--select: the value is empty"},
      {{"pick", "1", "2", "--hide", ""}, "--hide: the value is empty"},
      {{"pick", "1", "2", "--later", ""}, "--later: the value is empty"},
      {{"--atlas", "", "pick", "1", "2"}, "--atlas: the value is empty"},
  };
  for (const auto& [args, message] : bad) {
    CAPTURE(args.size());
    CAPTURE(message);
    CHECK_THROWS_WITH_AS(parsed(args), doctest::Contains(message.c_str()), UsageError);
  }
}

TEST_CASE("image size is limited in pixels too") {
  CHECK(parseImageSize("4096x4096").width == 4096);
  CHECK_THROWS_WITH_AS(parseImageSize("8192x8192"), doctest::Contains("limit"), UsageError);
}

TEST_CASE("values in messages are shortened and escaped") {
  const std::string hostile = "\x1b[2J" + std::string(1000, '9');
  const std::vector<std::function<void()>> parsers{
      [&] { (void)parseUiScale(hostile); }, [&] { (void)parseSectionLevel(hostile, "--section"); },
      [&] { (void)parseSectionHeight(hostile); },
      [&] { (void)parseSectionBelowKnee(hostile, "--section-mm"); }};
  for (std::size_t i = 0; i < parsers.size(); ++i) {
    CAPTURE(i);
    try {
      parsers[i]();
      FAIL("accepted");
    } catch (const UsageError& e) {
      const std::string what = e.what();
      CHECK(what.size() < 200);
      CHECK(what.find('\x1b') == std::string::npos);
    }
  }
}
