"""Role seats, group shares and principles: the counting rules beside plain coverage.

* **Role seats.** When an archetype's target sits on its roles, ``filled(A)`` is the most
  seats of A that can be filled when each person takes at most one seat of A, of a role they
  are ready for: a maximum matching. People ready for the same set of A's roles are
  interchangeable, so it is a max-flow from at most ``2^R`` classes (R roles of A) to the
  roles, solved exactly by the allocation's flow (:func:`.allocation.solve_flow`); no loop
  runs over people.
* **Group shares.** A headcount target belongs to the whole centre: with ``--by`` the groups
  get shares in proportion to their size, by largest remainder (ties: the larger group, then
  the group that sorts first), so they add up to the centre's; ``per_staff`` targets stay
  ``ceil(n_g / per_staff)`` per group.
* **Principles.** A person carries a principle when every one of its competencies is at or
  above its level (not assessed does not carry).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..profiles import Principle, Target
from .allocation import class_codes, solve_flow


def filled(role_ready: np.ndarray, targets: np.ndarray) -> int:
    """The most seats filled: ``role_ready`` is (people x roles of one archetype), ``targets``
    the seats per role; each person takes at most one seat, of a role they are ready for."""
    role_ready = np.asarray(role_ready, dtype=bool)
    targets = np.asarray(targets, dtype=np.int64)
    if role_ready.size == 0 or not (targets > 0).any():
        return 0
    sets, inverse = class_codes(role_ready)
    sizes = np.bincount(inverse, minlength=len(sets))
    return filled_classes(sets, sizes, targets)


def filled_classes(sets: np.ndarray, sizes: np.ndarray, targets: np.ndarray) -> int:
    """:func:`filled` from classes: ``sets`` (classes x roles, bool) of ``sizes`` people each."""
    keep = (np.asarray(sizes) > 0) & np.asarray(sets).any(axis=1)
    if not keep.any():
        return 0
    sets, sizes = np.asarray(sets)[keep], np.asarray(sizes, dtype=np.int64)[keep]
    x = solve_flow(sets, sizes, np.zeros(sets.shape, dtype=np.float64), np.asarray(targets, dtype=np.int64))
    return int(x.sum())


def filled_by_group(role_ready: np.ndarray, codes: np.ndarray, k: int, targets: np.ndarray) -> np.ndarray:
    """:func:`filled` per group: ``codes`` the group of every person (0..k-1), ``targets``
    (k x roles) the seats of each group."""
    out = np.zeros(k, dtype=np.int64)
    role_ready = np.asarray(role_ready, dtype=bool)
    if k == 0 or role_ready.shape[1] == 0 or len(role_ready) == 0:
        return out
    sets, inverse = class_codes(role_ready)
    C = len(sets)
    counts = np.bincount(codes.astype(np.int64) * C + inverse, minlength=k * C).reshape(k, C)
    for g in range(k):  # one small flow per group
        out[g] = filled_classes(sets, counts[g], targets[g])
    return out


def largest_remainder(total: int, sizes: np.ndarray) -> np.ndarray:
    """``total`` shared among groups of ``sizes`` in proportion, by largest remainder; ties:
    the larger group, then the group that comes first (groups are in sorted order)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    k = len(sizes)
    N = int(sizes.sum())
    if k == 0 or N == 0:
        return np.zeros(k, dtype=np.int64)
    # exact integers: quota = total * n_g / N = floor + rem / N
    base = [total * int(s) // N for s in sizes.tolist()]
    rem = [total * int(s) % N for s in sizes.tolist()]
    left = total - sum(base)
    order = sorted(range(k), key=lambda g: (-rem[g], -int(sizes[g]), g))
    for g in order[:left]:
        base[g] += 1
    return np.array(base, dtype=np.int64)


def group_target(target: Target, sizes: np.ndarray) -> np.ndarray:
    """One target per group: a headcount shared by largest remainder; per_staff ceil(n_g/k)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    if target.headcount is not None:
        return largest_remainder(target.headcount, sizes)
    return np.array([target.resolve(int(s)) for s in sizes.tolist()], dtype=np.int64)


@dataclass(frozen=True)
class PrincipleResult:
    id: str
    index: int
    carriers: int
    staff: int

    @property
    def share(self) -> float | None:
        return self.carriers / self.staff if self.staff > 0 else None


def carriers(principles: tuple[Principle, ...], levels: np.ndarray, comp_index: dict[str, int]) -> np.ndarray:
    """bool (people x principles): who carries each principle (every competency >= level;
    not assessed does not carry)."""
    n = len(levels)
    out = np.ones((n, len(principles)), dtype=bool)
    for i, pr in enumerate(principles):
        for c in pr.competencies:
            col = levels[:, comp_index[c]]
            with np.errstate(invalid="ignore"):
                out[:, i] &= col >= pr.level  # NaN (not assessed): False
    return out


def principle_results(principles: tuple[Principle, ...], carrying: np.ndarray, staff: int) -> tuple[PrincipleResult, ...]:
    counts = carrying.sum(axis=0) if carrying.size else np.zeros(len(principles), dtype=np.int64)
    return tuple(
        PrincipleResult(id=p.id, index=i, carriers=int(counts[i]), staff=staff) for i, p in enumerate(principles)
    )
