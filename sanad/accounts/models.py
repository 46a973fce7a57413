from django.db import models
from django.utils.translation import get_language


class Region(models.Model):
    """An administrative region and its regional academy of education (configuration data)."""

    code = models.SlugField(max_length=40, unique=True)
    name_ar = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "en")[:2]
        return getattr(self, f"name_{language}", None) or self.name_en
