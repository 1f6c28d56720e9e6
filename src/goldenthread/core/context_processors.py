from .identity import partnership_identity


def partnership(request):
    identity = partnership_identity()
    return {
        "partnership": identity,
        "demo_tag": {"text": "Demo"} if identity.fictional_notice else None,
    }
