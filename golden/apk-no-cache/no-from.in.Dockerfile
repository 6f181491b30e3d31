RUN apk add curl
