"""Agencies (cơ quan), their units (phòng/đơn vị) and who belongs where with which role."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from organizations.roles import ALL_ROLES, UNIT_ROLES, Role
from organizations.scoping import ScopedQuerySet


class AgencyQuerySet(ScopedQuerySet):
    """Agencies as scoped rows: ``editable_by(user)`` are those the user may import into."""

    agency_field = "pk"
    read_roles = ALL_ROLES  # every member reads its own agency; a province viewer those below


class Agency(models.Model):
    """A cơ quan that owns plans and data, e.g. "Sở Tư pháp tỉnh Thái Nguyên".

    ``parent`` links agencies for province roll-up: a province-level viewer of the
    parent sees every agency below it.
    """

    name = models.CharField(_("tên cơ quan"), max_length=255)
    code = models.SlugField(_("mã"), max_length=32, unique=True, help_text=_("Ví dụ: STP-TN"))
    parent_name = models.CharField(
        _("cơ quan chủ quản (dòng trên của tiêu đề văn bản)"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: UBND TỈNH THÁI NGUYÊN"),
    )
    header_name = models.CharField(
        _("tên cơ quan trên tiêu đề văn bản"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: SỞ TƯ PHÁP; để trống thì dùng tên cơ quan viết hoa"),
    )
    symbol = models.CharField(
        _("ký hiệu văn bản"), max_length=32, help_text=_('Dùng trong "Số: .../KH-STP"')
    )
    place_name = models.CharField(_("địa danh"), max_length=100, help_text=_("Ví dụ: Thái Nguyên"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("cơ quan cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = AgencyQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cơ quan")
        verbose_name_plural = _("cơ quan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("Cơ quan cấp trên tạo thành vòng lặp.")})
            ancestor = ancestor.parent

    @property
    def document_header_name(self) -> str:
        return self.header_name or self.name.upper()

    def subtree_ids(self) -> set[int]:
        """This agency and every agency below it (the tree is small: one province)."""
        children_of: dict[int | None, list[int]] = {}
        for pk, parent_id in Agency.objects.values_list("pk", "parent_id"):
            children_of.setdefault(parent_id, []).append(pk)
        found, frontier = {self.pk}, [self.pk]
        while frontier:
            frontier = [c for pk in frontier for c in children_of.get(pk, []) if c not in found]
            found.update(frontier)
        return found


class UnitKind(models.TextChoices):
    INTERNAL = "internal", _("Phòng, đơn vị thuộc cơ quan")
    EXTERNAL = "external", _("Cơ quan, tổ chức bên ngoài")
    GROUP = "group", _("Nhóm đơn vị")


class UnitQuerySet(models.QuerySet):
    def active(self) -> UnitQuerySet:
        return self.filter(is_active=True)

    def internal(self) -> UnitQuerySet:
        return self.filter(kind=UnitKind.INTERNAL)

    def groups_containing(self, unit_ids) -> UnitQuerySet:
        return self.filter(kind=UnitKind.GROUP, members__in=unit_ids).distinct()


class Unit(models.Model):
    """A phòng/đơn vị of an agency, an external body a plan names, or a named group.

    Plans spell units many ways ("Văn phòng", "Văn phòng Sở", "VP"): the spellings
    live in :class:`UnitAlias`. A group ("Các phòng, đơn vị thuộc Sở") lists its
    member units so a task assigned to the group reaches each member.
    """

    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="units"
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    kind = models.CharField(
        _("loại"), max_length=16, choices=UnitKind.choices, default=UnitKind.INTERNAL
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị thành viên"),
        symmetrical=False,
        blank=True,
        related_name="groups",
        help_text=_("Chỉ dùng cho nhóm đơn vị"),
    )
    reminder_emails = models.TextField(
        _("email nhận nhắc việc"),
        blank=True,
        help_text=_("Mỗi địa chỉ một dòng hoặc cách nhau bởi dấu phẩy"),
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["order"])

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["agency", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name_per_agency"),
        ]

    def __str__(self) -> str:
        return self.name

    def reminder_email_list(self) -> list[str]:
        raw = self.reminder_emails.replace(";", ",").replace("\n", ",")
        return [address.strip() for address in raw.split(",") if address.strip()]

    def clean(self) -> None:
        for address in self.reminder_email_list():
            try:
                validate_email(address)
            except ValidationError as exc:
                raise ValidationError(
                    {"reminder_emails": _("Địa chỉ email không hợp lệ: %(a)s") % {"a": address}}
                ) from exc


class UnitAlias(models.Model):
    """Another spelling of a unit's name, as seen in imported plans."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE, related_name="aliases"
    )
    name = models.CharField(_("cách viết khác"), max_length=255)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tên gọi khác")
        verbose_name_plural = _("tên gọi khác")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="unit_alias_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def for_user(self, user) -> MembershipQuerySet:
        return self.filter(user=user, is_active=True)


class Membership(models.Model):
    """A user's role in an agency, and for unit roles the unit they work in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    agency = models.ForeignKey(
        Agency, verbose_name=_("cơ quan"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("đang hiệu lực"), default=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["agency", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "unit", "role"], name="membership_unique"
            ),
            models.CheckConstraint(
                condition=~Q(role__in=sorted(UNIT_ROLES)) | Q(unit__isnull=False),
                name="membership_unit_roles_need_unit",
            ),
        ]

    def __str__(self) -> str:
        where = self.unit or self.agency
        return f"{self.user} — {self.get_role_display()} — {where}"

    def clean(self) -> None:
        if self.role in UNIT_ROLES and not self.unit_id:
            raise ValidationError(
                {"unit": _("Cán bộ phòng và trưởng phòng phải thuộc một đơn vị.")}
            )
        if self.unit_id and self.agency_id and self.unit.agency_id != self.agency_id:
            raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan đã chọn.")})
