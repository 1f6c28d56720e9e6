"""Training pages: sessions, courses, programmes and certificates are named by opaque ids, never by person."""

from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("", views.home, name="home"),
    path("courses/", views.courses, name="courses"),
    path("courses/<uuid:public_id>/", views.course_detail, name="course"),
    path("sessions/<uuid:public_id>/", views.session_detail, name="session"),
    path("sessions/<uuid:public_id>/book/", views.book, name="book"),
    path("sessions/<uuid:public_id>/cancel-place/", views.cancel_place, name="cancel-place"),
    path("sessions/<uuid:public_id>/offer/", views.offer, name="offer"),
    path("sessions/<uuid:public_id>/calendar.ics", views.calendar, name="calendar"),
    path("sessions/<uuid:public_id>/feedback/", views.feedback, name="feedback"),
    path("sessions/<uuid:public_id>/aha-moment/", views.aha_moment, name="aha-moment"),
    path("aha-moments/", views.aha_moments, name="aha-moments"),
    path("record/", views.record, name="record"),
    path("record/certificates/<uuid:public_id>.pdf", views.certificate, name="certificate"),
    path("manage/", views.manage, name="manage"),
    path("manage/programmes/new/", views.programme_add, name="programme-add"),
    path("manage/programmes/<uuid:public_id>/", views.programme_detail, name="programme"),
    path("manage/programmes/<uuid:public_id>/edit/", views.programme_edit, name="programme-edit"),
    path("manage/programmes/<uuid:public_id>/courses/new/", views.course_add, name="course-add"),
    path("manage/courses/<uuid:public_id>/edit/", views.course_edit, name="course-edit"),
    path("manage/courses/<uuid:public_id>/sessions/new/", views.session_add, name="session-add"),
    path("manage/sessions/<uuid:public_id>/edit/", views.session_edit, name="session-edit"),
    path("manage/sessions/<uuid:public_id>/cancel/", views.session_cancel, name="session-cancel"),
    path("manage/sessions/<uuid:public_id>/register/", views.register, name="register"),
    path("manage/learning-system/", views.lms, name="lms"),
    path("manage/learning-system/<uuid:public_id>/", views.lms_check, name="lms-check"),
    path("manage/learning-system/export/<slug:kind>.csv", views.lms_export, name="lms-export"),
    path("manage/learning-system/template/<slug:kind>.csv", views.lms_template, name="lms-template"),
    path("manage/feedback/", views.evaluation, name="evaluation"),
    path("follow-up/<uuid:public_id>/", views.follow_up, name="follow-up"),
    path("reach/", views.reach, name="reach"),
    path("reach/<slug:slug>/", views.reach_organisation, name="reach-organisation"),
]
