"""The results chart: the average score each month, drawn with `core.charts`, held-back months with no bar and saying why."""

from goldenthread.core.charts import Bar, BarGroup, DataTable, bar_chart


def by_month(found):
    row = found.partnership if found.partnership else (found.rows[0] if len(found.rows) == 1 else None)
    if row is None:
        return None
    bars, table = [], []
    for month, cell in zip(found.months, row.cells, strict=True):
        name = f"{month.start:%b %Y}"
        if cell.held_back:
            bars.append(Bar(f"{name}: fewer than 5 answers, not shown", None))
        else:
            bars.append(Bar(f"{name}: {cell.average_words} from {cell.answers} answers", cell.average))
        table.append((name, [cell.answers_words, cell.average_words]))
    return bar_chart(
        [BarGroup("", bars)],
        id="feedback-by-month",
        title=f"Average score each month, {row.name}",
        description="A bar for each month, longer for a higher average score from 1 to 5. Months with fewer than 5 answers have no bar.",
        scale_max=5,
        table=DataTable(caption=f"Average score each month, {row.name}", headings=["Month", "Answers", "Average score (1 to 5)"], rows=table, numeric=True),
    )
