from orders import create_app

app = create_app()
