"""What the guide claims about the model on screen, and what really happens."""

from __future__ import annotations

from textual.widgets import Static

SVM = (
    "[b]The guide's linear SVM[/b]  score = a*x + b*y + c, from a=1, b=-2, c=-1.\n"
    "Each step picks a random point and pulls on its score: up (+1) if it is labelled +1 "
    "but scored below 1, down (-1) if labelled -1 but scored above -1. Backprop turns the "
    "pull into a gradient on a, b, c; the regularization pull -R*a, -R*b draws the weights "
    "towards zero. That is gradient descent on the hinge loss.\n"
    "[b]The claim[/b]: 100% training accuracy from iteration 300.\n"
    "[b]What really happens[/b]: it starts at 4/6 and, with the guide's regularization "
    "(R = 1), 94% of seeds end at 5/6 after 400 steps (937 of 1000 measured; 15 of 1000 "
    "are at 6/6 at step 300): the pull towards zero "
    "balances the data's pulls while one point is still on the wrong side. Set "
    "regularization to 0 (field above, then Enter) and nearly every seed reaches 6/6."
)
NET = (
    "[b]The guide's 2-layer net[/b]  score = sum w_i*max(0, a_i*x + b_i*y + c_i) + d, "
    "every parameter drawn in [-0.5, 0.5] from the seed. Same pulls, same regularization "
    "on the weights (a, b, w), not on the biases (c, d).\n"
    "[b]The claim[/b]: it learns the guide's data like the SVM.\n"
    "[b]What really happens[/b]: in 400 steps it rarely gets there; with R = 1 the weights "
    "shrink 1% a step and on larger data the net collapses to one class. Try the moons or "
    "xor data with hidden width 10, step size 0.03, regularization 0.001: about 3000 "
    "steps reach 97-100%."
)


class LearnExplain(Static):
    shown = ""

    def show(self, model: str) -> None:
        if model != self.shown:
            self.shown = model
            self.update(SVM if model == "svm" else NET)
