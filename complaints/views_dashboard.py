"""The Monitoring Officer's dashboard page (DESIGN.md, "Who uses it")."""
from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from complaints import dashboard as figures
from protocol.council.selectors import roles_of
from protocol.machinery.http import AuthenticatedHttpRequest

# The bar chart's geometry, in SVG user units: drawn with attributes and classes only, so
# that a Content-Security-Policy without 'unsafe-inline' styles still allows it.
PLOT_TOP, PLOT_HEIGHT, PLOT_LEFT = 10, 200, 40
GROUP_WIDTH, BAR_WIDTH, BAR_GAP = 56, 20, 4


@dataclass(frozen=True)
class Bar:
    x: int
    y: float
    height: float


@dataclass(frozen=True)
class ChartMonth:
    month: figures.Month
    new: Bar
    closed: Bar
    label_x: int


def _bar(x: int, value: int, top: int) -> Bar:
    height = round(PLOT_HEIGHT * value / top, 1)
    return Bar(x, round(PLOT_TOP + PLOT_HEIGHT - height, 1), height)


def chart(months: list[figures.Month]) -> dict:
    """Where each month's two bars go; the tallest bar is the plot's full height."""
    top = max([1, *(m.new for m in months), *(m.closed for m in months)])
    bars = []
    for index, month in enumerate(months):
        x = PLOT_LEFT + index * GROUP_WIDTH + (GROUP_WIDTH - 2 * BAR_WIDTH - BAR_GAP) // 2
        bars.append(ChartMonth(month, _bar(x, month.new, top),
                               _bar(x + BAR_WIDTH + BAR_GAP, month.closed, top),
                               x + BAR_WIDTH + BAR_GAP // 2))
    return {"months": bars, "top": top, "width": PLOT_LEFT + len(months) * GROUP_WIDTH,
            "baseline": PLOT_TOP + PLOT_HEIGHT, "plot_top": PLOT_TOP,
            "label_y": PLOT_TOP + PLOT_HEIGHT + 20, "height": PLOT_TOP + PLOT_HEIGHT + 30,
            "axis_x": PLOT_LEFT - 6}


@login_required
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Open cases, their stages and ages, the year's flow and outcomes, and the casework
    response figures. Only for the Monitoring Officer: anyone else gets 404, whatever
    their other rights (an administrator without the post included)."""
    if not roles_of(request.user).is_monitoring_officer:
        raise Http404("No such page")
    data = figures.dashboard(viewer=request.user)
    return render(request, "complaints/dashboard.html",
                  {"d": data, "chart": chart(data.months),
                   "compliance_rows": [*data.compliance, data.compliance_total]})
