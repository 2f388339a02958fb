from django.contrib import admin
from django.urls import include, path

from g287.api import api

admin.autodiscover()  # here rather than at start-up (settings: SimpleAdminConfig)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("office/", include("g287.accounts.urls")),
    path("office/officers/", include("g287.officers.urls")),
    path("office/users/", include("g287.office.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("g287.oversight.urls")),
    path("", include("g287.funding.urls")),
    path("", include("g287.sources.urls")),
    path("", include("g287.alerts.urls")),
    path("", include("g287.portal.urls")),
]
