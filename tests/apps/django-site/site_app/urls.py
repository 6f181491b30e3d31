import os

from django.http import JsonResponse
from django.urls import path


def status(request):
    return JsonResponse({"ok": True, "uid": os.getuid()})


urlpatterns = [path("", status)]
