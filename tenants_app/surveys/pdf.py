"""The standard SKM report and the evidence report as PDF (reportlab, pure Python): cover, method,
respondent profile, per-unsur table, IKM, analysis and follow-up plan.

Schema: tenant (renders what the selectors read).
"""

from __future__ import annotations

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from surveys.index import BANDS

_STYLES = getSampleStyleSheet()
_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
    ]
)


def num(value: Decimal | None) -> str:
    """A decimal as Indonesian writes it (88,31), as the portal shows it; "-" for none."""
    return "-" if value is None else str(value).replace(".", ",")


def _p(text: str, style: str = "BodyText") -> Paragraph:
    return Paragraph(escape(str(text)), _STYLES[style])


def _table(rows: list[list], widths: list[float] | None = None) -> Table:
    cells = [[_p(c) if isinstance(c, str) and len(c) > 30 else str(c) for c in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1)
    table.setStyle(_GRID)
    return table


def _render(story: list, *, title: str) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, leftMargin=2 * cm, rightMargin=2 * cm, topMargin=2 * cm
    )
    doc.build(story)
    return buffer.getvalue()


def skm_report_pdf(*, data: dict, regency_name: str) -> bytes:
    period, result, plan = data["period"], data["result"], data["plan"]
    story: list = [
        Spacer(1, 5 * cm),
        _p(_("LAPORAN SURVEI KEPUASAN MASYARAKAT"), "Title"),
        _p(regency_name or _("Mal Pelayanan Publik"), "Heading2"),
        _p(data["scope"].label or _("Seluruh layanan MPP"), "Heading3"),
        _p(
            _("Periode: %(p)s (%(a)s s.d. %(b)s)")
            % {
                "p": period.label,
                "a": period.start.strftime("%d-%m-%Y"),
                "b": period.end.strftime("%d-%m-%Y"),
            }
        ),
        PageBreak(),
        _p(_("1. Metode"), "Heading2"),
        _p(
            _(
                "Survei mengikuti PermenPANRB Nomor 14 Tahun 2017: sembilan unsur (U1–U9) dinilai "
                "pada skala 1–4. NRR per unsur = jumlah nilai ÷ jumlah responden; IKM = Σ NRR × "
                "bobot %(w)s; nilai konversi = IKM × 25, dibulatkan setengah ke atas menjadi dua "
                "desimal sebelum ditentukan mutunya. Besar sampel menurut Krejcie–Morgan."
            )
            % {"w": result.weight_label}
        ),
    ]
    progress = data["progress"]
    if progress is not None and progress.target is not None:
        story.append(
            _p(
                _(
                    "Sampel minimal %(t)d responden dari %(n)d pengguna layanan "
                    "periode sebelumnya; terkumpul %(r)d."
                )
                % {"t": progress.target, "n": progress.population, "r": result.respondents}
            )
        )
    story += [_p(_("2. Profil responden"), "Heading2")]
    for title, key in (
        (_("Jenis kelamin"), "gender"),
        (_("Usia"), "age"),
        (_("Pendidikan"), "education"),
        (_("Pekerjaan"), "occupation"),
    ):
        story.append(
            _table(
                [[title, _("Jumlah")], *[[label, n] for label, n in data["profile"][key]]],
                [10 * cm, 3 * cm],
            )
        )
        story.append(Spacer(1, 0.3 * cm))
    story += [
        _p(_("3. Nilai per unsur"), "Heading2"),
        _table(
            [[_("Kode"), _("Unsur"), _("Jumlah nilai"), "NRR"]]
            + [
                [u.code, u.name, u.total, num(u.nrr_display) if result.respondents else "-"]
                for u in result.unsur
            ],
            [1.5 * cm, 9 * cm, 3 * cm, 2.5 * cm],
        ),
        _p(_("4. Indeks Kepuasan Masyarakat"), "Heading2"),
        _table(
            [
                [
                    _("Responden"),
                    _("Bobot"),
                    _("IKM (1–4)"),
                    _("IKM × 25"),
                    _("Mutu"),
                    _("Kinerja"),
                ],
                [
                    result.respondents,
                    result.weight_label,
                    num(result.ikm_display),
                    num(result.score),
                    result.band.mutu if result.band else "-",
                    result.band.kinerja if result.band else "-",
                ],
            ]
        ),
        Spacer(1, 0.3 * cm),
        _table(
            [[_("Mutu"), _("Nilai konversi"), _("Kinerja")]]
            + [[b.mutu, f"≥ {num(b.floor)}", b.kinerja] for b in BANDS]
        ),
        _p(_("5. Analisis"), "Heading2"),
    ]
    weakest = result.weakest
    if weakest is None:
        story.append(_p(_("Belum ada responden pada periode ini.")))
    else:
        ranked = sorted(result.unsur, key=lambda u: (u.nrr, u.code))
        story.append(
            _p(
                _(
                    "Unsur terendah: %(code)s %(name)s (NRR %(nrr)s). "
                    "Tiga unsur terendah: %(three)s."
                )
                % {
                    "code": weakest.code,
                    "name": weakest.name,
                    "nrr": num(weakest.nrr_display),
                    "three": ", ".join(f"{u.code} ({num(u.nrr_display)})" for u in ranked[:3]),
                }
            )
        )
    story += [_p(_("6. Rencana tindak lanjut"), "Heading2")]
    if plan.items:
        story.append(
            _table(
                [
                    [
                        _("Unsur"),
                        _("Tindak lanjut"),
                        _("Penanggung jawab"),
                        _("Batas waktu"),
                        _("Status"),
                    ]
                ]
                + [
                    [
                        i.unsur,
                        i.action,
                        i.owner,
                        i.due_date.strftime("%d-%m-%Y"),
                        i.get_status_display(),
                    ]
                    for i in plan.items
                ],
                [1.5 * cm, 6.5 * cm, 3.5 * cm, 2.5 * cm, 2.5 * cm],
            )
        )
        story.append(
            _p(
                _("Kemajuan: %(d)d dari %(n)d selesai (%(p)d%%).")
                % {"d": plan.done, "n": len(plan.items), "p": plan.percent}
            )
        )
    else:
        story.append(_p(_("Rencana tindak lanjut belum disusun.")))
    return _render(story, title=_("Laporan SKM %(p)s") % {"p": period.label})


def evidence_pdf(*, items: list, regency_name: str, generated_on: str) -> bytes:
    story: list = [
        _p(_("Bukti untuk evaluasi PEKPPP dan Ombudsman RI"), "Title"),
        _p(f"{regency_name} · {generated_on}", "Heading3"),
    ]
    for item in items:
        story.append(_p(f"[{_('ADA') if item.met else _('BELUM')}] {item.title}", "Heading3"))
        story.append(_p(item.finding))
        if item.missing:
            story.append(_p(_("Belum ada: %(m)s") % {"m": "; ".join(item.missing[:20])}))
        if item.proof:
            story.append(_p(_("Bukti: %(u)s") % {"u": ", ".join(item.proof)}))
    return _render(story, title=_("Bukti evaluasi pelayanan publik"))
