"""The "report ready" e-mail: a template triplet under templates/emails/report-ready-*."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

if TYPE_CHECKING:
    from reports.models import ReportJob


def report_ready_message(job: ReportJob, *, recipients: list[str]) -> EmailMultiAlternatives:
    # Workers have no request to take a language from: the e-mail uses the site's.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "agency": job.agency,
            "period": job.period,
            "url": settings.SITE_URL.rstrip("/") + reverse("reports:list"),
        }
        subject = render_to_string("emails/report-ready-subject.html", context)
        text = render_to_string("emails/report-ready-body-text.html", context)
        html = render_to_string("emails/report-ready-body-html.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=recipients)
    message.attach_alternative(html, "text/html")
    return message
