"""The words a ledger uses for stored values, in one chosen language."""

from __future__ import annotations

from datetime import date, datetime

from checkpoint_desk.clock import to_local
from checkpoint_desk.domain.verdict import Disposition, Reason
from checkpoint_desk.i18n import N_, gettext

DIRECTION_TEXT = {"in": N_("In"), "out": N_("Out")}
HEALTH_CODE_TEXT = {
    "green": N_("Green code"),
    "yellow": N_("Yellow code"),
    "red": N_("Red code"),
    "unknown": N_("No health code checked"),
}
NAT_RESULT_TEXT = {"negative": N_("Negative"), "positive": N_("Positive")}
DISPOSITION_TEXT = {
    Disposition.DENIED.value: N_("Denied entry"),
    Disposition.REMEASURED.value: N_("Re-measured"),
    Disposition.REFERRED.value: N_("Referred to medical staff"),
    Disposition.ALLOWED.value: N_("Allowed by supervisor"),
}
# Reasons whose sentence needs values, named without them (for the summary).
REASON_SUMMARY_TEXT = {
    "fever": N_("Fever"),
    "nat_stale": N_("Nucleic-acid test too old"),
    "household_quota": N_("Household's exits for today used up"),
}


def _fmt_temp(value: float) -> str:
    return f"{value:.1f}"


class Wording:
    """Turns stored values into the ledger's words."""

    def __init__(self, lang: str, fever_threshold_c: float, nat_validity_days: int) -> None:
        self.lang = lang
        self.threshold = fever_threshold_c
        self.nat_days = nat_validity_days
        self._cache: dict[str, str] = {}

    def t(self, text: str) -> str:
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = gettext(text, self.lang)
        return found

    def reason(self, code: str, temperature: float | None) -> str:
        if code == "fever" and temperature is not None:
            return Reason.of(
                "fever", temperature=_fmt_temp(temperature), threshold=_fmt_temp(self.threshold)
            ).text(self.lang)
        if code == "nat_stale":
            return Reason.of("nat_stale", days=self.nat_days).text(self.lang)
        return self.reason_summary(code)

    def reason_summary(self, code: str) -> str:
        if code in REASON_SUMMARY_TEXT:
            return self.t(REASON_SUMMARY_TEXT[code])
        return Reason(code).text(self.lang)

    def nat(self, result: str | None, at: datetime | None) -> str:
        parts = []
        if result:
            parts.append(self.t(NAT_RESULT_TEXT.get(result, result)))
        if at is not None:
            parts.append(to_local(at).strftime("%Y-%m-%d %H:%M"))
        return " ".join(parts)

    def vaccine(self, doses: int | None, last: date | None) -> str:
        if doses is None:
            return ""
        text = self.t(N_("{doses} doses")).format(doses=doses)
        return f"{text} ({last.isoformat()})" if last else text

    def travel(self, risk: bool | None) -> str:
        if risk is None:
            return ""
        return self.t(N_("Passed a risk area")) if risk else self.t(N_("No risk area"))

    def disposition(self, value: str | None, retest: float | None) -> str:
        parts = []
        if value:
            parts.append(self.t(DISPOSITION_TEXT.get(value, value)))
        if retest is not None:
            parts.append(
                self.t(N_("re-measured {temperature} ℃")).format(temperature=_fmt_temp(retest))
            )
        return self.t(N_("; ")).join(parts)


# Labels of the summary, shared by the XLSX Summary sheet and the PDF report.
LABELS = {
    "ledger": N_("Ledger"),
    "station": N_("Station"),
    "period": N_("Period"),
    "day": N_("Day"),
    "shift": N_("Shift"),
    "operators": N_("Operators on duty"),
    "generated": N_("Exported at"),
    "privacy": N_("ID numbers and phones"),
    "masked": N_("masked"),
    "unmasked": N_("NOT masked (supervisor export)"),
    "counts": N_("Counts"),
    "total": N_("Number of visits"),
    "in": N_("In"),
    "out": N_("Out"),
    "stopped": N_("Stopped"),
    "fever": N_("Fever"),
    "per_hour": N_("Visits per hour"),
    "hour": N_("Hour"),
    "visits": N_("Number of visits"),
    "per_operator": N_("Visits per operator"),
    "operator": N_("Operator"),
    "per_reason": N_("Stops per reason"),
    "reason": N_("Reason"),
    "per_disposition": N_("Dispositions"),
    "disposition": N_("Disposition"),
    "stops": N_("Stops and their dispositions"),
    "no_visits_day": N_("No visits on this day."),
    "no_visits_shift": N_("No visits in this shift."),
    "no_stops": N_("No one was stopped."),
    "vehicles_stopped": N_("Vehicles stopped"),
    "legend_stop": N_("Stopped visitor"),
    "legend_fever": N_("Fever"),
    "legend": N_("Highlighting"),
    "lane_per_hour": N_("Lane per hour: seconds per visitor"),
    "lane_per_operator": N_("Lane per operator: seconds per visitor"),
    "median_s": N_("Median s"),
    "p90_s": N_("p90 s"),
    "stops_count": N_("Stops"),
}
