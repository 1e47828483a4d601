"""Needs mapping: surveys (building, audience and sending, answering, results), records of
meetings, and the needs register. Each part's views live in their own module."""

from django.urls import path

from .views import answer, builder, dispatch, mapping, needs, results

app_name = "surveys"
urlpatterns = [
    # Building (views/builder.py)
    path("surveys/", builder.survey_list, name="list"),
    path("surveys/new/", builder.survey_create, name="create"),
    path("surveys/starter/", builder.survey_starter, name="starter"),
    path("surveys/<int:pk>/", builder.survey_detail, name="detail"),
    path("surveys/<int:pk>/edit/", builder.survey_edit, name="edit"),
    path("surveys/<int:pk>/copy/", builder.survey_copy, name="copy"),
    path("surveys/<int:pk>/delete/", builder.survey_delete, name="delete"),
    path("surveys/<int:pk>/preview/", answer.survey_preview, name="preview"),
    path("surveys/<int:pk>/sections/new/", builder.section_add, name="section_add"),
    path("surveys/sections/<int:pk>/edit/", builder.section_edit, name="section_edit"),
    path("surveys/sections/<int:pk>/delete/", builder.section_delete, name="section_delete"),
    path("surveys/sections/<int:pk>/questions/new/", builder.question_add, name="question_add"),
    path("surveys/questions/<int:pk>/edit/", builder.question_edit, name="question_edit"),
    path("surveys/questions/<int:pk>/delete/", builder.question_delete, name="question_delete"),
    path("surveys/questions/<int:pk>/move/", builder.question_move, name="question_move"),
    # Audience and sending (views/dispatch.py)
    path("surveys/<int:pk>/audience/", dispatch.audience, name="audience"),
    path("surveys/<int:pk>/audience/pick/", dispatch.audience_pick, name="audience_pick"),
    path("surveys/<int:pk>/send/", dispatch.send, name="send"),
    path("surveys/<int:pk>/invitations/", dispatch.invitations, name="invitations"),
    path("surveys/<int:pk>/sheets/", dispatch.sheets, name="sheets"),
    path("surveys/<int:pk>/share/", dispatch.share, name="share"),
    path("surveys/<int:pk>/close/", dispatch.close, name="close"),
    # Results (views/results.py)
    path("surveys/<int:pk>/results/", results.results, name="results"),
    path("surveys/<int:pk>/results/export/", results.results_export, name="results_export"),
    path("surveys/questions/<int:pk>/answers/", results.text_answers, name="text_answers"),
    # Answering, public (views/answer.py)
    path("a/<str:token>/", answer.answer_personal, name="answer"),
    path("s/<str:token>/", answer.answer_shared, name="answer_shared"),
    # Other mapping methods (views/mapping.py)
    path("mapping/", mapping.record_list, name="records"),
    path("mapping/new/", mapping.record_create, name="record_create"),
    path("mapping/<int:pk>/", mapping.record_detail, name="record_detail"),
    path("mapping/<int:pk>/edit/", mapping.record_edit, name="record_edit"),
    path("mapping/<int:pk>/delete/", mapping.record_delete, name="record_delete"),
    # The needs register (views/needs.py)
    path("needs/", needs.need_list, name="needs"),
    path("needs/new/", needs.need_create, name="need_create"),
    path("needs/<int:pk>/", needs.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", needs.need_edit, name="need_edit"),
    path("needs/<int:pk>/delete/", needs.need_delete, name="need_delete"),
]
