"""What the ``train`` command prints: a progress bar on a terminal, a table, or JSON."""

from __future__ import annotations

import math
from typing import TextIO

from autograd_studio.training.loop import StepResult, Trainer

__all__ = ["ProgressBar", "history_json", "summary_table"]


class ProgressBar:
    """``training [#######.............]  35/100  loss 0.2312`` redrawn in place on *stream*
    (a terminal), at most about 50 times a run."""

    def __init__(self, stream: TextIO, total: int, width: int = 30) -> None:
        self.stream, self.total, self.width = stream, max(total, 1), width
        self._every = max(self.total // 50, 1)

    def __call__(self, result: StepResult) -> None:
        done = result.step + 1
        if done % self._every and done != self.total:
            return
        filled = round(self.width * done / self.total)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\rtraining [{bar}] {done:>{len(str(self.total))}}/{self.total}  ")
        self.stream.write(f"loss {result.loss:.6g}")
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


def summary_table(trainer: Trainer, results: list[StepResult], rows: int = 11) -> str:
    """Loss (and accuracy) at about *rows* evenly spaced steps, then the weights' change."""
    if not results:
        return "no steps run"
    picks = sorted({round(k * (len(results) - 1) / max(rows - 1, 1)) for k in range(rows)})
    header = ["step", "loss"] + (["accuracy"] if trainer.has_accuracy else [])
    lines = [header]
    for k in picks:
        r = results[k]
        line = [str(r.step + 1), f"{r.loss:.6g}"]
        if trainer.has_accuracy:
            line.append("" if r.accuracy is None else f"{r.accuracy:.1%}")
        lines.append(line)
    widths = [max(len(line[c]) for line in lines) for c in range(len(header))]
    text = [
        "  ".join(
            cell.rjust(w) if c else cell.ljust(w)
            for c, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
    text.insert(1, "  ".join("-" * w for w in widths))
    moved = int((trainer.weights != trainer.initial).sum())
    text.append("")
    text.append(
        f"{len(trainer.weight_ids)} weights, {moved} moved; {trainer.rows} rows; "
        f"{trainer.settings.optimizer} lr {trainer.settings.learning_rate:g}"
    )
    last = results[-1]
    if not math.isfinite(last.loss):
        text.append(
            f"stopped at step {last.step + 1}: the loss is {last.loss} (try a smaller --lr)"
        )
    if last.dead:
        text.append(last.dead)
    return "\n".join(text)


def history_json(trainer: Trainer, results: list[StepResult]) -> dict[str, object]:
    """``{"steps", "loss": [per step], "accuracy": [per step] (with a prediction node),
    "weights": {id: value}, "dead": sentence or null}``; non-finite numbers as the strings
    ``"NaN"``, ``"Infinity"``, ``"-Infinity"``."""
    data: dict[str, object] = {
        "steps": len(results),
        "loss": [_number(r.loss) for r in results],
    }
    if trainer.has_accuracy:
        data["accuracy"] = [r.accuracy for r in results]
    data["weights"] = {k: _number(v) for k, v in trainer.weight_values().items()}
    data["dead"] = results[-1].dead if results else None
    return data


def _number(value: float) -> float | str:
    if math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"
