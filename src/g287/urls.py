from django.contrib import admin
from django.urls import include, path

from g287.api import api

admin.autodiscover()  # here rather than at start-up (settings: SimpleAdminConfig)

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Every app at the root: its public pages, and its staff pages under /office/<area>/ through
    # accounts.office_routes, which refuses a staff page without a declared permission.
    path("", include("g287.accounts.urls")),
    path("", include("g287.officers.urls")),
    path("", include("g287.office.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("g287.oversight.urls")),
    path("", include("g287.funding.urls")),
    path("", include("g287.sources.urls")),
    path("", include("g287.alerts.urls")),
    path("", include("g287.portal.urls")),
]
