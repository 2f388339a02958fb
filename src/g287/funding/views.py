"""The public funding page, /funding/: approved and paid money by state and quarter."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from g287.funding.public import public_totals, totals_by_state


def public_page(request: HttpRequest) -> HttpResponse:
    rows = public_totals()
    series = totals_by_state(rows)
    quarters = sorted({f"{r['fiscal_year']}Q{r['quarter']}" for r in series})
    per_quarter: dict[str, list[int]] = {q: [0, 0] for q in quarters}
    for r in series:
        cell = per_quarter[f"{r['fiscal_year']}Q{r['quarter']}"]
        cell[0] += r["approved_cents"]
        cell[1] += r["paid_cents"]
    chart = {
        "labels": quarters,
        "approved": [per_quarter[q][0] for q in quarters],
        "paid": [per_quarter[q][1] for q in quarters],
    }
    # The chart's twin: the same figures as a table, for readers who cannot see the chart.
    by_quarter = [{"quarter": q, "approved": per_quarter[q][0], "paid": per_quarter[q][1]} for q in quarters]
    context = {"rows": rows, "states": series, "chart": chart, "by_quarter": by_quarter}
    return render(request, "funding/public.html", context)
