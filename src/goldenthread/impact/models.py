"""Impact and the golden thread: each part keeps its models in its own package; importing them here registers them with Django.

- `theory`: the partnership's theory of change (outcomes, activities, assumptions), in versions.
- `indicators`: the indicators of each outcome, computed live from the platform or entered by hand.
- `feedback`: short surveys that families answer, and their answers.
- `quality`: audits of records: a sample drawn by the platform, read and graded against the audit questions.
- `reports`: board reports for a period, kept so they can be produced again with the same figures.
"""

from .feedback import models as feedback_models  # noqa: F401
from .indicators import models as indicators_models  # noqa: F401
from .quality import models as quality_models  # noqa: F401
from .reports import models as reports_models  # noqa: F401
from .theory import models as theory_models  # noqa: F401
