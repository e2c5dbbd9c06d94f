from filmart.models import Market


def market_current() -> Market | None:
    return Market.objects.filter(is_current=True).first()
