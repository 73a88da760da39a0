# Ruby's digest library (Digest::MD5, SHA1, SHA256, SHA384, SHA512 and SHA2), over one native of
# the host (host/eval/digest_native.cc, Nettle): a digest object keeps what it was given and
# hashes it whole when asked. What a config hashes is its own text: names, not files.
module Jetsam
  module ::Digest
    # Digest.hexencode("\x01\xff") is "01ff".
    def self.hexencode(bytes)
      bytes.unpack1("H*")
    end

    class Base
      def self.digest(data = "")
        new.update(data).digest
      end

      def self.hexdigest(data = "")
        new.update(data).hexdigest
      end

      def self.base64digest(data = "")
        new.update(data).base64digest
      end

      def initialize
        @data = +""
      end

      def update(data)
        raise TypeError, "no implicit conversion of #{data.class} into String" unless data.is_a?(String)
        @data << data
        self
      end
      alias << update

      def reset
        @data = +""
        self
      end

      # Without an argument: the digest of what was given. With one: of that alone (the object
      # is reset), as Ruby's.
      def digest(data = nil)
        return Host.digest(self.class::ALGORITHM, @data) if data.nil?
        reset.update(data).digest.tap { reset }
      end

      def hexdigest(data = nil)
        ::Digest.hexencode(digest(data))
      end
      alias to_s hexdigest

      def base64digest(data = nil)
        ::Base64.strict_encode64(digest(data))
      end

      def digest_length
        self.class::DIGEST_LENGTH
      end
      alias length digest_length
      alias size digest_length

      def block_length
        self.class::BLOCK_LENGTH
      end

      def ==(other)
        other.is_a?(String) ? hexdigest == other : other.is_a?(Base) && digest == other.digest
      end

      def name
        self.class.name
      end

      def inspect
        "#<#{self.class.name}: #{hexdigest}>"
      end
    end

    class MD5 < Base
      ALGORITHM = "MD5"
      DIGEST_LENGTH = 16
      BLOCK_LENGTH = 64
    end

    class SHA1 < Base
      ALGORITHM = "SHA1"
      DIGEST_LENGTH = 20
      BLOCK_LENGTH = 64
    end

    class SHA256 < Base
      ALGORITHM = "SHA256"
      DIGEST_LENGTH = 32
      BLOCK_LENGTH = 64
    end

    class SHA384 < Base
      ALGORITHM = "SHA384"
      DIGEST_LENGTH = 48
      BLOCK_LENGTH = 128
    end

    class SHA512 < Base
      ALGORITHM = "SHA512"
      DIGEST_LENGTH = 64
      BLOCK_LENGTH = 128
    end

    # Digest::SHA2.new(256), .new(384), .new(512): the SHA-2 digest of that length.
    class SHA2 < Base
      def self.new(bitlen = 256)
        case bitlen
        when 256 then SHA256.new
        when 384 then SHA384.new
        when 512 then SHA512.new
        else raise ArgumentError, "unsupported bit length: #{bitlen.inspect}"
        end
      end

      def self.digest(data = "", bitlen = 256)
        new(bitlen).update(data).digest
      end

      def self.hexdigest(data = "", bitlen = 256)
        new(bitlen).update(data).hexdigest
      end

      def self.base64digest(data = "", bitlen = 256)
        new(bitlen).update(data).base64digest
      end
    end
  end
end
