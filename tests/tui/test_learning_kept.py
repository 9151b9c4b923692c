"""Leaving the learning screen never throws the learner's work away: its settings, own
points, hand-set weights, history and rewind are there on coming back, whichever way the
learner left (escape, the picker, the palette) or came back."""

from __future__ import annotations

from nn101.tui.app import PlaygroundApp
from nn101.tui.screens.learning import LearningScreen

SIZE = (120, 36)


async def test_the_run_is_where_it_was_left_after_escape_and_the_palette() -> None:
    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_learning("svm")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearningScreen)
        assert screen.apply({"regularization": 0.0})
        screen.learning.add_point(0.5, 0.5, 1)  # own data: back to iteration 0
        screen.train(12)
        screen.learning.set_param("a", "0.25")
        await pilot.press("comma", "comma")  # rewound two
        await pilot.pause()
        kept = (screen.training.iteration, screen.learning.head, screen.config["dataset"],
                screen.config["regularization"], screen.training.model.params["a"].value,
                len(screen.training.dataset))
        assert kept[0] == kept[1] - 2
        await pilot.press("escape")  # back to the circuits
        await pilot.pause()
        assert app.screen is app.circuit
        app.circuit.picker_actions["learn:svm"]()  # the picker's entry again
        await pilot.pause()
        again = app.screen
        assert again is screen  # the same screen, the same run
        assert (again.training.iteration, again.learning.head, again.config["dataset"],
                again.config["regularization"], again.training.model.params["a"].value,
                len(again.training.dataset)) == kept
        app.open_learning("svm")  # the palette's command on top of it: nothing changes
        await pilot.pause()
        assert app.screen is screen and len(app.screen_stack) == 2
        await pilot.press("escape")
        await pilot.pause()
        app.open_learning("net")  # the other model has its own run
        await pilot.pause()
        assert isinstance(app.screen, LearningScreen) and app.screen is not screen
        assert app.screen.config["model"] == "net"


async def test_leaving_a_playing_run_pauses_it_and_coming_back_says_so() -> None:
    from nn101.tui.widgets.learn_step import LearnStepInfo

    app = PlaygroundApp(cursor_blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_learning("svm")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LearningScreen)
        await pilot.press("p")
        await pilot.pause(0.2)
        assert screen.playing
        await pilot.press("escape")
        await pilot.pause()
        left_at = screen.training.iteration
        assert not screen.playing and left_at > 0
        await pilot.pause(0.2)
        app.open_learning("svm")
        await pilot.pause()
        assert screen.training.iteration == left_at  # nothing trained meanwhile
        subtitle = str(screen.query_one(LearnStepInfo).border_subtitle)
        assert subtitle.startswith("paused"), subtitle
