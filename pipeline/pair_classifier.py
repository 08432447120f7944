"""A logistic regression over feature dicts, stored as plain JSON weights.

Trained with scikit-learn; applied with numpy from a serializer dict, so the
shipped linkers are a few kilobytes of JSON rather than pickles.
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np


class PairClassifier:
    """Probability that a (metric, candidate) pair is a relation."""

    def __init__(self, weights: dict[str, float] | None = None, bias: float = 0.0) -> None:
        self.weights = weights or {}
        self.bias = bias

    @property
    def is_trained(self) -> bool:
        return bool(self.weights)

    def fit(self, features: Sequence[dict[str, float]], labels: Sequence[int],
            C: float = 1.0, seed: int = 0) -> "PairClassifier":
        """Fit the weights with scikit-learn's LogisticRegression.

        features (Sequence[dict]): One feature dict per pair.
        labels (Sequence[int]): 1 for a gold relation, 0 otherwise.
        C (float): Inverse regularization strength. Defaults to 1.0.
        RETURNS (PairClassifier): self.
        """
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(features)
        model = LogisticRegression(C=C, max_iter=2000, random_state=seed)
        model.fit(matrix, np.asarray(labels))
        self.weights = {name: float(w) for name, w in
                        zip(vectorizer.get_feature_names_out(), model.coef_[0]) if w != 0.0}
        self.bias = float(model.intercept_[0])
        return self

    def predict_proba(self, features: Sequence[dict[str, float]]) -> list[float]:
        """Calibrated probability of each pair (logistic output)."""
        out = []
        for row in features:
            z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in row.items())
            out.append(1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))))
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"weights": self.weights, "bias": self.bias}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "PairClassifier":
        return cls(dict(data.get("weights", {})), float(data.get("bias", 0.0)))
